#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "nnlab/export.hpp"
#include "nnlab/storage/run_store.hpp"

namespace nnlab {

/// A run named on the command line as STORE:RUN.
struct RunReference {
  std::filesystem::path store;
  std::string run;
};

/// Splits `text` at its last ':', so a store path may itself hold ':'. No ':', or an empty
/// store or run, throws ConfigError "command line: 'TEXT': expected STORE:RUN ...".
NNLAB_EXPORT RunReference parse_run_reference(std::string_view text);

/// The id of the run `run` names in `store`: a number of one to three digits is the 1-based
/// run number `runner validate` shows (the run's stored index + 1); anything else is a full
/// run id or a prefix of exactly one. Throws ConfigError "<file>: ..." naming what was
/// expected: no such run number (with the valid range), no run with that id (listing a
/// few), or a prefix of several runs (listing them).
NNLAB_EXPORT std::string resolve_run(const RunStore& store, const std::string& run);

} // namespace nnlab
