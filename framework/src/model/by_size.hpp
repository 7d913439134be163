#pragma once

// Private to the kernel sources: NNLAB_BY_SIZE(size, CALL) runs CALL(K) and returns, with
// K the compile-time constant equal to size for 1 to 7 and 8 otherwise (thin_limit: the
// thin kernels are compiled for every inner size up to it), CALL a function-like macro.
// One clone set for every size, without a switch written out in each dispatcher.
#define NNLAB_BY_SIZE(size, CALL)                                                                  \
  switch (size) {                                                                                  \
  case 1: CALL(1); return;                                                                         \
  case 2: CALL(2); return;                                                                         \
  case 3: CALL(3); return;                                                                         \
  case 4: CALL(4); return;                                                                         \
  case 5: CALL(5); return;                                                                         \
  case 6: CALL(6); return;                                                                         \
  case 7: CALL(7); return;                                                                         \
  default: CALL(8); return;                                                                        \
  }
