// The help texts and the man page, each rendered from the command table.
#include "help_text.hpp"

#include <algorithm>
#include <sstream>

#include "nnlab/core/version.hpp"

namespace nnlab::runner {

namespace {

constexpr std::size_t line_width = 80;

const char* const what_nnlab_is =
    "nnlab runs reproducible neural-network experiments. An experiment is a YAML file; the "
    "runner trains every point of its sweep (optimizers x learning rates x seeds ...), stores "
    "every run in one HDF5 file, draws gnuplot plots and an HTML report. Datasets, optimizers "
    "and losses are plugins found by name. The same YAML and seed give the same numbers, to "
    "the bit.";

/// `text` as lines of at most `line_width`, each starting with `indent` spaces; paragraphs
/// ("\n\n") stay apart.
std::string wrap(const std::string& text, std::size_t indent, std::size_t first_used = 0) {
  std::string out;
  std::size_t column = first_used;
  bool line_start = first_used == 0, first = true;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    std::istringstream words(text.substr(start, end - start));
    for (std::string word; words >> word;) {
      if (!line_start && column + 1 + word.size() > line_width) {
        out += '\n';
        line_start = true;
      }
      if (line_start) {
        out += std::string(indent, ' ');
        column = indent;
      } else if (!first) {
        out += ' ';
        ++column;
      }
      out += word;
      column += word.size();
      line_start = first = false;
    }
    if (end >= text.size()) break;
    out += "\n\n";
    line_start = true;
    start = end + 2;
  }
  return out + '\n';
}

std::string option_label(const OptionSpec& option) {
  std::string label = option.letter ? std::string("-") + option.letter + ", " : "    ";
  label += "--" + option.name;
  if (!option.value.empty()) label += " " + option.value;
  return label;
}

/// The help with the values of a choice option: "image format: png, svg or pdf".
std::string option_text(const OptionSpec& option) {
  if (!option.values) return option.help;
  const auto values = option.values();
  std::string list;
  for (std::size_t i = 0; i < values.size(); ++i)
    list += (i == 0 ? "" : i + 1 == values.size() ? " or " : ", ") + values[i];
  return option.help + ": " + list;
}

std::string options_block(const std::vector<OptionSpec>& options) {
  std::size_t width = 0;
  for (const auto& option : options)
    width = std::max(width, option_label(option).size());
  width = std::min<std::size_t>(width, 28);
  std::string out;
  for (const auto& option : options) {
    std::string label = "  " + option_label(option);
    if (label.size() + 2 > width + 4) {
      out += label + '\n' + wrap(option_text(option), width + 4);
    } else {
      label += std::string(width + 4 - label.size(), ' ');
      out += label + wrap(option_text(option), width + 4, label.size());
    }
  }
  return out;
}

std::string synopsis_line(const CommandSpec& command) {
  return invocation(command) + (command.synopsis.empty() ? "" : " " + command.synopsis);
}

// roff: backslashes, hyphens (so that man renders them as the ASCII '-' one types) and a
// leading '.' or '\'' that would read as a request.
std::string roff(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
  }
  if (!out.empty() && (out.front() == '.' || out.front() == '\'')) out.insert(0, "\\&");
  return out;
}

std::string roff_paragraphs(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    out += (start ? ".PP\n" : "") + roff(text.substr(start, end - start)) + '\n';
    start = end + 2;
  }
  return out;
}

std::string roff_option(const OptionSpec& option) {
  std::string head = ".TP\n";
  if (option.letter) head += "\\fB\\-" + std::string(1, option.letter) + "\\fR, ";
  head += "\\fB" + roff("--" + option.name) + "\\fR";
  if (!option.value.empty()) head += " \\fI" + roff(option.value) + "\\fR";
  return head + '\n' + roff(option_text(option)) + '\n';
}

} // namespace

std::string overview_help() {
  std::string out = "Usage:\n";
  for (const auto& command : command_table()) {
    if (command.hidden) continue;
    out += wrap(synopsis_line(command), 2);
    out += wrap(command.summary, 6);
  }
  out += "\nOptions of every command:\n" +
         options_block({*find_option("help"), *find_option("version")}) +
         "\n`runner help COMMAND` (or `runner COMMAND --help`) prints a command's options;\n"
         "`man runner` prints them all.\n\nExit status:\n" +
         wrap(exit_status_text, 2);
  return out;
}

std::string command_help(const CommandSpec& command) {
  return "Usage: " + wrap(synopsis_line(command), 7, 7) + '\n' + wrap(command.description, 2) +
         "\nOptions:\n" + options_block(options_of(command));
}

std::string man_page() {
  std::ostringstream out;
  out << ".TH RUNNER 1 \"\" \"nnlab " << version << "\" \"nnlab manual\"\n"
      << ".SH NAME\nrunner \\- train, store, plot and compare reproducible neural\\-network "
         "experiments\n"
      << ".SH SYNOPSIS\n";
  for (const auto& command : command_table()) {
    if (command.hidden) continue;
    out << ".B " << roff(invocation(command)) << '\n'
        << roff(command.synopsis.empty() ? "" : command.synopsis) << "\n.br\n";
  }
  out << ".B runner\n\\-\\-help | \\-\\-version\n"
      << ".SH DESCRIPTION\n"
      << roff(what_nnlab_is) << '\n'
      << ".PP\nEvery command takes \\fB\\-h\\fR, \\fB\\-\\-help\\fR (its options); "
         "\\fBrunner \\-\\-version\\fR prints the version and the BLAS.\n"
      << ".SH COMMANDS\n";
  for (const auto& command : command_table()) {
    if (command.hidden) continue;
    out << ".SS \"" << roff(synopsis_line(command)) << "\"\n"
        << roff_paragraphs(command.description);
    for (const auto& option : options_of(command))
      if (option.name != "help") out << roff_option(option);
  }
  out << ".SH \"EXIT STATUS\"\n"
      << roff(exit_status_text) << '\n'
      << ".SH ENVIRONMENT\n.TP\n.B NNLAB_PLUGIN_PATH\n"
      << roff("Folders (':'-separated) searched for plugins after each --plugin-path and "
              "before the plugin folder of the installation.")
      << "\n.SH FILES\n.TP\n.I results/<name>/runs.h5\n"
      << roff("Every run of an experiment (HDF5). summary.csv, plots/ and report.html are "
              "beside it. Read it with python3 -m nnlab_store, or h5py.")
      << "\n.TP\n.I /usr/share/nnlab/experiments\n"
      << roff("The example experiments, with their data in /usr/share/nnlab/data when nnlab "
              "is installed from its package: runner /usr/share/nnlab/experiments/xor.yaml "
              "trains the course's network into ./results.")
      << "\n.SH \"SEE ALSO\"\n.BR gnuplot (1),\n.BR h5dump (1)\n";
  return out.str();
}

} // namespace nnlab::runner
