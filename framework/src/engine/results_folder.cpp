#include "nnlab/engine/results_folder.hpp"

#include <algorithm>
#include <string>
#include <system_error>

#include "nnlab/core/error.hpp"

namespace nnlab {
namespace fs = std::filesystem;

namespace {

// A link anywhere in the experiment's folder could send a write (a plot, the store's copy)
// anywhere on the machine: refuse rather than follow.
void refuse_links(const fs::path& folder) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(folder, ec);
  if (status.type() == fs::file_type::not_found) return;
  const auto refuse = [](const fs::path& link) {
    throw ConfigError(link.string() + ": a symbolic link in the results folder; the runner " +
                      "never writes through links (replace it with a folder or file, or give " +
                      "another --out DIR)");
  };
  if (fs::is_symlink(status)) refuse(folder);
  if (!fs::is_directory(status))
    throw ConfigError(folder.string() + ": expected the experiment's results folder, got a " +
                      "file (move it away, or give another --out DIR)");
  for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::end(it);
       it.increment(ec))
    if (it->is_symlink(ec)) refuse(it->path());
  if (ec) throw ConfigError(folder.string() + ": cannot list: " + ec.message());
}

// What to do about a store the runner will not touch.
std::string recovery(const std::string& why, const fs::path& file) {
  if (why.find("newer nnlab") != std::string::npos)
    return "; it is left as it is: add runs with that newer nnlab, or move it away to start a "
           "new store here";
  return "; it is left as it is: move it away (mv " + file.string() + " " + file.string() +
         ".damaged) to start a new store here, or give another --out DIR";
}

// Root attributes that earlier sweeps add to and later ones keep: what re-executions found
// about rebuilt libraries (library_checks.hpp).
constexpr const char* accumulated_attributes[] = {"library_checks"};

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec_a, ec_b;
  const fs::path x = fs::weakly_canonical(a, ec_a), y = fs::weakly_canonical(b, ec_b);
  return ec_a || ec_b ? a == b : x == y;
}

} // namespace

RunStore open_experiment_store(const fs::path& experiment_dir, const StoreHeader& header) {
  refuse_links(experiment_dir);
  StoreHeader carried = header;
  const fs::path file = experiment_dir / "runs.h5";
  std::error_code ec;
  if (fs::exists(file, ec)) {
    StoreHeader stored;
    try {
      stored = RunStore::open_read_only(file).header();
    } catch (const StorageError& e) {
      throw ConfigError(e.what() + recovery(e.what(), file));
    }
    const std::string was = stored.attribute("experiment_file");
    const std::string now = header.attribute("experiment_file");
    // Stores written before provenance named the file cannot tell: keep them usable.
    if (!was.empty() && !now.empty() && !same_file(was, now))
      throw ConfigError(file.string() + ": holds the runs of experiment " + was + ", not of " +
                        now + "; the runner never mixes two experiments in one store: give " +
                        "this one another name, or another --out DIR");
    // What earlier sweeps found out stays (the rest of the header is this sweep's).
    for (const char* kept : accumulated_attributes)
      if (!stored.attribute(kept).empty() && header.attribute(kept).empty())
        carried.attributes.emplace_back(kept, stored.attribute(kept));
  }
  try {
    return RunStore::open(file, carried);
  } catch (const StorageError& e) {
    throw ConfigError(e.what());
  }
}

} // namespace nnlab
