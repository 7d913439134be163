// `runner predict STORE:RUN DATA.csv [--out FILE]`: a stored run's network on new data.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "data_table.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/plugin/loss.hpp"
#include "nnlab/plugin/registry.hpp"
#include "nnlab/report/run_reference.hpp"
#include "nnlab/report/stored_network.hpp"
#include "nnlab/train/metrics.hpp"
#include "output_file.hpp"

namespace nnlab::runner {

namespace {

/// The shortest text that reads back as the same double.
std::string shortest(double value) {
  char buffer[32];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names)
    text += (text.empty() ? "" : ", ") + name;
  return text;
}

/// The columns predict adds: p_<class> for each class, then predicted.
std::vector<std::string> added_columns(const StoredNetwork& net) {
  std::vector<std::string> columns;
  for (const auto& name : net.class_names)
    columns.push_back("p_" + name);
  columns.emplace_back("predicted");
  return columns;
}

/// The run's features, found by name in any order: inputs x samples, raw.
arma::mat features_of(const DataTable& table, const StoredNetwork& net) {
  for (const auto& added : added_columns(net))
    if (table.find(added) < table.columns.size())
      table.fail(1, "column '" + added +
                        "' is one runner predict writes; rename or drop it (a file predict "
                        "wrote already holds its predictions)");
  std::vector<std::size_t> at;
  for (const auto& name : net.feature_names) {
    at.push_back(table.find(name));
    if (at.back() == table.columns.size())
      table.fail(1, "no column '" + name + "' (the run's features: " + joined(net.feature_names) +
                        "); columns: " + joined(table.columns));
  }
  arma::mat X(at.size(), table.rows.size());
  for (std::size_t j = 0; j < table.rows.size(); ++j)
    for (std::size_t f = 0; f < at.size(); ++f)
      X(f, j) = table.number(j, at[f]);
  return X;
}

/// Whether `text` is an integer, and which.
bool as_integer(std::string_view text, long long& value) {
  double number = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end != text.data() + text.size() || number != std::floor(number) ||
      std::fabs(number) > 1e15)
    return false;
  value = static_cast<long long>(number);
  return true;
}

/// The class of each sample from the label column: a class name as the run stored it, or,
/// for classes named by integers, the same integer written otherwise ("1.0" for "1").
arma::rowvec labels_of(const DataTable& table, std::size_t column, const StoredNetwork& net) {
  const auto& classes = net.class_names;
  arma::rowvec y(table.rows.size());
  for (std::size_t j = 0; j < table.rows.size(); ++j) {
    const std::string& text = table.rows[j][column];
    auto found = std::find(classes.begin(), classes.end(), text);
    long long value = 0, name = 0;
    if (found == classes.end() && as_integer(text, value))
      found = std::find_if(classes.begin(), classes.end(), [&](const std::string& c) {
        return as_integer(c, name) && name == value;
      });
    if (found == classes.end())
      table.fail(table.lines[j], "column '" + table.columns[column] + "': '" + text +
                                     "' is not a class of the run (classes: " + joined(classes) +
                                     ")");
    y[j] = static_cast<double>(found - classes.begin());
  }
  return y;
}

/// DATA's columns, then p_<class> for each class and the predicted class's name.
std::string predictions_csv(const DataTable& table, const StoredNetwork& net,
                            const arma::mat& outputs) {
  std::ostringstream out;
  const auto row = [&](const std::vector<std::string>& fields,
                       const std::vector<std::string>& added) {
    std::string line;
    for (const auto& field : fields)
      line += csv_field(field) + ',';
    for (std::size_t i = 0; i < added.size(); ++i)
      line += csv_field(added[i]) + (i + 1 < added.size() ? "," : "\n");
    out << line;
  };
  row(table.columns, added_columns(net));
  const arma::urowvec predicted = predict(outputs);
  std::vector<std::string> added;
  for (std::size_t j = 0; j < table.rows.size(); ++j) {
    added.clear();
    // One output is the probability of class 1 (a sigmoid's); several are one per class.
    if (outputs.n_rows == 1) {
      added.push_back(shortest(1.0 - outputs(0, j)));
      added.push_back(shortest(outputs(0, j)));
    } else {
      for (arma::uword c = 0; c < outputs.n_rows; ++c)
        added.push_back(shortest(outputs(c, j)));
    }
    added.push_back(net.class_names.at(predicted[j]));
    row(table.rows[j], added);
  }
  return out.str();
}

/// "accuracy: ..." and "cost: ..." of the predictions, in the run's loss; the cost is left out
/// (saying why) when the loss plugin cannot be built.
void print_metrics(std::ostream& out, const arma::mat& outputs, const arma::rowvec& y,
                   const StoredNetwork& net, const CliOptions& cli) {
  const double right =
      static_cast<double>(arma::accu(predict(outputs) == arma::conv_to<arma::urowvec>::from(y)));
  out << "accuracy: " << shortest(accuracy(outputs, y)) << " (" << shortest(right) << " of "
      << y.n_elem << " right)\n";
  std::shared_ptr<Loss> loss;
  try {
    Registry registry(Registry::search_path(cli.plugin_path));
    loss = registry.create_loss(net.config.loss);
  } catch (const Error& e) {
    out << "cost: not computed: " << e.what() << '\n';
    return;
  }
  const double cost = loss->value(outputs, make_targets(y, outputs.n_rows));
  out << "cost: " << shortest(cost) << " (" << net.config.loss.name << ")\n";
}

} // namespace

int predict_data(const CliOptions& cli) {
  const RunReference reference = parse_run_reference(cli.run_references.at(0));
  if (!cli.out.empty()) check_output_folder(cli.out);
  const StoredNetwork net = read_stored_network(reference.store, reference.run);
  const DataTable table = read_data_table(cli.file);
  const arma::mat outputs = net.outputs(features_of(table, net));
  const std::size_t label = table.find(net.label_column);
  const bool labelled = label < table.columns.size();
  const arma::rowvec y = labelled ? labels_of(table, label, net) : arma::rowvec();

  const std::string csv = predictions_csv(table, net, outputs);
  // The CSV on stdout leaves the summary to stderr, so that a pipe gets the CSV alone.
  std::ostream& summary = cli.out.empty() ? std::cerr : std::cout;
  if (cli.out.empty()) {
    std::cout << csv << std::flush;
  } else {
    write_output_file(cli.out, csv);
    summary << "wrote " << cli.out.string() << ": " << table.rows.size() << " samples of "
            << cli.file.string() << " through " << net.source << '\n';
  }
  if (labelled)
    print_metrics(summary, outputs, y, net, cli);
  else
    summary << "no column '" << net.label_column << "' (the run's labels) in " << cli.file.string()
            << ": no accuracy or cost\n";
  return 0;
}

} // namespace nnlab::runner
