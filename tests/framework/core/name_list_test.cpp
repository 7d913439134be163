#include <catch2/catch.hpp>

#include "nnlab/core/name_list.hpp"

TEST_CASE("NameList: sorted lists and likely typos", "[core][names]") {
  CHECK(nnlab::join_sorted({"sgd", "momentum", "nesterov"}) == "momentum, nesterov, sgd");
  CHECK(nnlab::join_sorted({}) == "(none)");
  const std::vector<std::string> names{"momentum", "nesterov", "sgd"};
  CHECK(nnlab::closest_name("nestrov", names) == "nesterov");
  CHECK(nnlab::closest_name("momentun", names) == "momentum");
  CHECK(nnlab::closest_name("sdg", names) == "sgd");
  CHECK_FALSE(nnlab::closest_name("adam", names).has_value());
}
