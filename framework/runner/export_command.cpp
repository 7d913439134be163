// `runner export STORE:RUN --format c|json|onnx --out FILE`: a stored run's network, to use
// elsewhere.
#include <iostream>

#include "commands.hpp"
#include "network_export.hpp"
#include "nnlab/report/run_reference.hpp"
#include "output_file.hpp"

namespace nnlab::runner {

int export_network(const CliOptions& cli) {
  const std::string& format = cli.export_format;
  if (format.empty())
    usage_error("export: --format is required: c, json or onnx (e.g. --format c --out xor.c)");
  if (format != "c" && format != "json" && format != "onnx")
    usage_error("--format: expected c, json or onnx, got '" + format + "'");
  if (cli.out.empty()) usage_error("export: --out FILE is required (the file to write)");
  check_output_folder(cli.out);

  const RunReference reference = parse_run_reference(cli.run_references.at(0));
  const StoredNetwork net = read_stored_network(reference.store, reference.run);
  const Mlp& mlp = *net.mlp;
  std::string what;
  if (format == "c") {
    write_output_file(cli.out, c_source(net));
    what = "C99 source: void nnlab_predict(const double *input, double *output)";
  } else if (format == "json") {
    write_output_file(cli.out, json_model(net).dump(1) + "\n");
    what = "JSON model (layout: README, Predicting and exporting)";
  } else {
    write_output_file(cli.out, onnx_model(net));
    what = "ONNX model, opset 13, float64: input \"input\", output \"output\"";
  }
  std::cout << "wrote " << cli.out.string() << ": " << what << "; " << mlp.n_inputs() << " inputs, "
            << mlp.n_outputs() << " output(s), from " << provenance(net) << '\n';
  return 0;
}

} // namespace nnlab::runner
