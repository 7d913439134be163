#pragma once

#include <string>

#include "command_table.hpp"

namespace nnlab::runner {

/// `runner --help`: every command's synopsis and summary, the global options, exit status.
std::string overview_help();

/// `runner help NAME`, `runner NAME --help`: the command's synopsis, description and options.
std::string command_help(const CommandSpec& command);

/// `runner man`: the manual page runner(1) in roff, every command with its options, written
/// from the same table as the help so the two cannot drift.
std::string man_page();

} // namespace nnlab::runner
