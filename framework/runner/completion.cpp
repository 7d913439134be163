// `runner complete WORD ...`: what the bash and zsh completion scripts ask for. The words
// are a partial command line after `runner`; the last is the word being completed (empty
// after a space). The answer is one candidate a line, plus directives for the shell:
//   :files yaml   also complete files ending in .yaml/.yml (and folders)
//   :files h5     the same for .h5;   :files csv   for .csv
//   :files        any file;   :dirs   folders only
//   :nospace      add no space after the word (a key= or a STORE.h5: waits for more)
// Everything comes from the command table and the library, so completion offers what the
// parser accepts. A broken experiment file or plugin never prints an error here.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <set>

#include "command_table.hpp"
#include "commands.hpp"
#include "nnlab/plugin/registry.hpp"
#include "override_keys.hpp"

namespace nnlab::runner {

namespace {

namespace fs = std::filesystem;

/// The words before the current one, read as the parser would.
struct LineSoFar {
  const CommandSpec* command = nullptr; ///< named, or null: the run command (or none yet)
  std::vector<std::string> positional;  ///< after the command's name
  std::vector<fs::path> plugin_path;
  const OptionSpec* pending = nullptr; ///< an option waiting for its value
};

fs::path expand_home(const std::string& word) {
  if (word.rfind("~/", 0) == 0)
    if (const char* home = std::getenv("HOME")) return fs::path(home) / word.substr(2);
  return word;
}

LineSoFar read_line(const std::vector<std::string>& words) {
  LineSoFar line;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string& word = words[i];
    if (line.pending) {
      if (line.pending->name == "plugin-path") line.plugin_path.push_back(expand_home(word));
      line.pending = nullptr;
    } else if (word.size() > 1 && word[0] == '-') {
      const std::string name = word.substr(word.find_first_not_of('-'));
      const OptionSpec* option = nullptr;
      for (const auto& candidate : option_table())
        if (candidate.name == name.substr(0, name.find('=')) ||
            (word.size() == 2 && candidate.letter == word[1]))
          option = &candidate;
      if (option && !option->value.empty()) {
        if (name.find('=') == std::string::npos)
          line.pending = option;
        else if (option->name == "plugin-path")
          line.plugin_path.push_back(expand_home(name.substr(name.find('=') + 1)));
      }
    } else if (!line.command && line.positional.empty() && find_command(word) &&
               !find_command(word)->hidden && word != "run") {
      line.command = find_command(word);
    } else {
      line.positional.push_back(word);
    }
  }
  return line;
}

struct Answer {
  std::vector<std::string> words;
  std::set<std::string> directives;
};

void add_files(Answer& answer, WordKind kind) {
  if (kind == WordKind::experiment) answer.directives.insert(":files yaml");
  if (kind == WordKind::store) answer.directives.insert(":files h5");
  if (kind == WordKind::data_file) answer.directives.insert(":files csv");
  if (kind == WordKind::folder) answer.directives.insert(":dirs");
}

std::vector<std::string> plugin_names(Registry& registry) {
  std::set<std::string> names;
  for (const auto kind : {PluginKind::dataset, PluginKind::loss, PluginKind::optimizer})
    for (const auto& name : registry.names(kind))
      names.insert(name);
  return {names.begin(), names.end()};
}

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const auto& command : command_table())
    if (!command.hidden && command.command != CliOptions::Command::run)
      names.push_back(command.name);
  return names;
}

void complete_value(Answer& answer, const OptionSpec& option, const std::string& prefix) {
  add_files(answer, option.completes);
  if (option.values)
    for (const auto& value : option.values())
      answer.words.push_back(prefix + value);
}

void complete_override(Answer& answer, const fs::path& experiment, const std::string& current,
                       Registry& registry) {
  const auto equals = current.find('=');
  if (equals == std::string::npos) {
    answer.words = override_keys(experiment, registry);
    answer.directives.insert(":nospace");
    return;
  }
  const std::string key = current.substr(0, equals);
  for (const auto& value : override_values(experiment, key, registry))
    answer.words.push_back(key + "=" + value);
}

Answer answer_for(const std::vector<std::string>& words) {
  Answer answer;
  const std::string current = words.empty() ? "" : words.back();
  const LineSoFar line = read_line(words);
  const CommandSpec& command =
      line.command ? *line.command : command_spec(CliOptions::Command::run);
  const auto registry = [&] { return Registry(Registry::search_path(line.plugin_path)); };

  // The option as this command words it: export's --format takes c, json or onnx.
  if (line.pending) {
    complete_value(answer, *option_of(command, line.pending->name), "");
    return answer;
  }
  if (current.rfind("-", 0) == 0) {
    const auto equals = current.find('=');
    if (equals != std::string::npos) {
      if (const auto option = option_of(command, current.substr(2, equals - 2)))
        complete_value(answer, *option, current.substr(0, equals + 1));
      return answer;
    }
    for (const auto& option : options_of(command))
      answer.words.push_back("--" + option.name);
    if (!line.command) answer.words.push_back("--version");
    return answer;
  }
  if (!line.command && line.positional.empty()) {
    answer.words = command_names();
    answer.directives.insert(":files yaml");
    return answer;
  }
  if (command.args.empty()) return answer;
  const std::size_t index = std::min(line.positional.size(), command.args.size() - 1);
  if (line.positional.size() >= command.args.size() && !command.args.back().repeats) return answer;
  switch (command.args[index].completes) {
  case WordKind::experiment:
  case WordKind::store:
  case WordKind::data_file: add_files(answer, command.args[index].completes); break;
  case WordKind::run_ref: answer.directives.insert({":files h5", ":nospace"}); break;
  case WordKind::plugin: {
    Registry found = registry();
    answer.words = plugin_names(found);
    break;
  }
  case WordKind::plugin_kind: answer.words = {"dataset", "loss", "optimizer"}; break;
  case WordKind::command: answer.words = command_names(); break;
  case WordKind::override_key: {
    Registry found = registry();
    complete_override(answer, expand_home(line.positional.front()), current, found);
    break;
  }
  default: break;
  }
  return answer;
}

} // namespace

int complete_words(const CliOptions& cli) {
  Answer answer;
  try {
    answer = answer_for(cli.words);
  } catch (const std::exception&) {
    return 0; // completion offers nothing rather than an error in the middle of a line
  }
  const std::string current = cli.words.empty() ? "" : cli.words.back();
  for (const auto& word : answer.words)
    if (word.rfind(current, 0) == 0) std::cout << word << '\n';
  for (const auto& directive : answer.directives)
    std::cout << directive << '\n';
  return 0;
}

} // namespace nnlab::runner
