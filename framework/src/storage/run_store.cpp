#include "nnlab/storage/run_store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <map>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

#include <H5Cpp.h>

#include "io/durable_file.hpp"
#include "io/hdf5_io.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/core/timestamp.hpp"
#include "store_header.hpp"
#include "store_journal.hpp"
#include "store_layout.hpp"

namespace nnlab {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view tmp_prefix = ".tmp-"; // run groups left by nnlab before the journal
bool is_tmp(const std::string& name) {
  return name.starts_with(tmp_prefix);
}

/// A name we accept for a run or a weight: one path component, never ".tmp-..." or ".".
bool is_link_name(const std::string& name) {
  return !name.empty() && !name.starts_with('.') && name.find('/') == std::string::npos;
}

fs::path tmp_of(const fs::path& file) {
  return fs::path(file) += ".tmp";
}

std::vector<std::string> main_run_ids(const fs::path& file) {
  return hdf5::guarded(file, "list runs", [&] {
    std::vector<std::string> ids =
        hdf5::link_names(hdf5::open_store_file(file).openGroup("runs"), H5_INDEX_NAME);
    std::erase_if(ids, is_tmp);
    return ids;
  });
}

} // namespace

struct RunStore::Impl {
  fs::path file;
  StoreJournal journal;
  StoreHeader header;
  std::int64_t format = hdf5::format_version;
  bool writable = false;

  Impl(const fs::path& path, bool can_write) : file(path), journal(path), writable(can_write) {}

  /// The /runs group of runs.h5, kept open between reads: opening the file costs more than
  /// reading a run, and a report reads every run. The file open is the one of its first
  /// read; a run published since (by this store or another writer) is found by opening it
  /// again (runs_group_with()).
  const H5::Group& runs_group() const {
    if (!reader_runs) {
      reader = hdf5::open_store_file(file);
      reader_runs = reader->openGroup("runs");
    }
    return *reader_runs;
  }
  /// runs_group(), opened again when it has no run `id` (it may have been opened before
  /// the run was published); nullptr when the latest runs.h5 has no such run either.
  const H5::Group* runs_group_with(const std::string& id) const {
    if (runs_group().nameExists(id)) return &*reader_runs;
    close_reader();
    return runs_group().nameExists(id) ? &*reader_runs : nullptr;
  }
  void close_reader() const {
    reader_runs.reset();
    reader.reset();
  }
  mutable std::optional<H5::H5File> reader;
  mutable std::optional<H5::Group> reader_runs;

  bool in_journal(const std::string& id) const {
    std::error_code ec;
    return is_link_name(id) && fs::exists(journal.file_of(id), ec);
  }

  /// A run of a journal file, which exists only once whole, read by `read` (given the
  /// file's runs group): failing to read it means damage from outside, and the run is worth
  /// less than a store that opens.
  template <class Read>
  auto read_journal_run(const std::string& id, const Read& read) const
      -> decltype(read(std::declval<const H5::Group&>())) {
    const fs::path run_file = journal.file_of(id);
    std::int64_t version = 0;
    decltype(read(std::declval<const H5::Group&>())) run;
    try {
      hdf5::guarded(run_file, "cannot read run '" + id + "'", [&] {
        const H5::H5File h5 = hdf5::open_store_file(run_file);
        version = hdf5::read_format_version(h5);
        run = read(h5.openGroup("runs"));
      });
    } catch (const StorageError& e) {
      throw StorageError(std::string(e.what()) + "; a damaged journal file of " + file.string() +
                         ": delete it to drop run '" + id + "'");
    }
    // Left by a writer of an older format that was killed: never merged into this one.
    if (writable && version < hdf5::format_version)
      throw StorageError(run_file.string() + ": a run of store format " + std::to_string(version) +
                         " (the unpaired random streams) in the journal of " + file.string() +
                         ", which is never merged into a store of format " +
                         std::to_string(hdf5::format_version) + ": delete it to drop run '" + id +
                         "'");
    return run;
  }
  RunRecord read_journal_run(const std::string& id) const {
    return read_journal_run(id,
                            [&](const H5::Group& runs) { return hdf5::read_run_group(runs, id); });
  }

  /// The run `id` as `read` reads it (given the runs group that holds it): from the journal
  /// when it is there, else from runs.h5; StorageError "<file>: no run '<id>'" when absent.
  template <class Read>
  auto read_run(const std::string& id, const Read& read) const
      -> decltype(read(std::declval<const H5::Group&>())) {
    if (in_journal(id)) {
      try {
        return read_journal_run(id, read);
      } catch (const StorageError&) {
        if (in_journal(id)) throw; // else a writer has just published it: it is in runs.h5
      }
    }
    return hdf5::guarded(file, "read run '" + id + "'", [&] {
      const H5::Group* runs = is_link_name(id) ? runs_group_with(id) : nullptr;
      if (!runs) throw StorageError(file.string() + ": no run '" + id + "'");
      return read(*runs);
    });
  }

  /// An upper bound of the size of runs.h5 with the journal runs `ids` merged: the runs'
  /// files twice over (a run group takes less room than a file of its own) and 64 KiB for
  /// the header and indexes.
  std::uintmax_t publish_size(std::uintmax_t store_size,
                              const std::vector<std::string>& ids) const {
    std::uintmax_t size = store_size + (64u << 10);
    for (const std::string& id : ids)
      size += 2 * fs::file_size(journal.file_of(id));
    return size;
  }

  /// Builds the next runs.h5 beside it (a copy of it, or a new file), with the header and
  /// every journal run, then commits it over runs.h5 and drops the journal runs merged.
  void publish(bool always) {
    const std::vector<std::string> ids = journal.ids();
    if (ids.empty() && !always) return;
    close_reader(); // runs.h5 is about to be replaced
    const fs::path tmp = tmp_of(file);
    try {
      std::error_code ec;
      if (fs::exists(file, ec)) {
        if (!fs::copy_file(file, tmp, fs::copy_options::overwrite_existing, ec))
          throw StorageError(file.string() + ": publish: copy to " + tmp.string() + ": " +
                             ec.message());
      } else {
        write_file(tmp, hdf5::guarded(file, "create", [&] {
                     return hdf5::file_image([](H5::H5File& h5) { h5.createGroup("runs"); });
                   }));
      }
      // HDF5 1.10 crashes when a write of its own fails, so the disk space the merge needs
      // is taken first: a full disk stops here, before HDF5 writes a byte.
      reserve_space(tmp, publish_size(fs::file_size(tmp), ids));
      // In batches, each in a file opened anew: HDF5 holds memory for what it wrote until
      // the file closes, so the memory of a merge does not grow with its runs.
      constexpr std::size_t batch = 4;
      for (std::size_t first = 0; first == 0 || first < ids.size(); first += batch) {
        hdf5::guarded(file, "publish", [&] {
          H5::H5File h5(tmp.string(), H5F_ACC_RDWR);
          hdf5::limit_metadata_cache(h5, hdf5::store_cache_bytes);
          const H5::Group runs = h5.openGroup("runs");
          if (first == 0) {
            hdf5::write_header(h5, header);
            for (const std::string& name : hdf5::link_names(runs, H5_INDEX_NAME))
              if (is_tmp(name)) runs.unlink(name);
          }
          for (std::size_t i = first; i < std::min(first + batch, ids.size()); ++i)
            hdf5::write_run_group(runs, read_journal_run(ids[i]));
          header = hdf5::read_header(h5);
          h5.close();
        });
        H5garbage_collect(); // HDF5's free lists keep what the batch freed until told
      }
      commit_file(tmp, file);
    } catch (...) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw;
    }
    journal.remove(ids);
  }
};

RunStore::RunStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RunStore::RunStore(RunStore&&) noexcept = default;
RunStore& RunStore::operator=(RunStore&&) noexcept = default;
RunStore::~RunStore() = default;

RunStore RunStore::open(const fs::path& file, const StoreHeader& header) {
  for (auto a = header.attributes.begin(); a != header.attributes.end(); ++a) {
    const auto is_a = [&](const auto& b) { return b.first == a->first; };
    if (a->first.empty() || hdf5::is_reserved_attribute(a->first) ||
        std::any_of(header.attributes.begin(), a, is_a))
      throw StorageError(file.string() + ": cannot open: header attribute name '" + a->first +
                         "' is empty, reserved or given twice");
  }
  std::error_code ec;
  const bool exists = fs::exists(file, ec);
  // A refused file, and everything around it, is left as it was.
  const std::string created =
      exists ? hdf5::guarded(file, "cannot open",
                             [&] {
                               const H5::H5File h5 = hdf5::open_store_file(file);
                               const StoreHeader stored = hdf5::read_header(h5);
                               hdf5::refuse_older_format(file, hdf5::read_format_version(h5),
                                                         stored.nnlab_version);
                               return stored;
                             })
                   .created
             : header.created;
  if (!exists && file.has_parent_path()) {
    fs::create_directories(file.parent_path(), ec);
    if (ec)
      throw StorageError(file.string() + ": cannot create folder " + file.parent_path().string() +
                         ": " + ec.message());
  }
  auto impl = std::make_unique<Impl>(file, true);
  impl->journal.lock();
  // Leftovers of a kill: never committed, so never complete.
  fs::remove(tmp_of(file), ec);
  impl->journal.remove_stale();
  impl->header = header;
  impl->header.created =
      created.empty() ? utc_timestamp(std::chrono::system_clock::now()) : created;
  impl->publish(true);
  return RunStore(std::move(impl));
}

RunStore RunStore::open_read_only(const fs::path& file) {
  auto impl = std::make_unique<Impl>(file, false);
  hdf5::guarded(file, "cannot open", [&] {
    const H5::H5File h5 = hdf5::open_store_file(file);
    impl->header = hdf5::read_header(h5);
    impl->format = hdf5::read_format_version(h5);
  });
  return RunStore(std::move(impl));
}

const fs::path& RunStore::file() const {
  return self().file;
}

StoreHeader RunStore::header() const {
  return self().header;
}

std::int64_t RunStore::format_version() const {
  return self().format;
}

std::vector<std::string> RunStore::run_ids() const {
  const Impl& s = self();
  // The journal first: a run that a writer publishes meanwhile is then in runs.h5.
  const std::vector<std::string> pending = s.journal.ids();
  std::vector<std::string> ids = main_run_ids(s.file);
  ids.insert(ids.end(), pending.begin(), pending.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::set<std::string> RunStore::completed_run_ids() const {
  const Impl& s = self();
  const std::vector<std::string> pending = s.journal.ids(); // first, as in run_ids()
  const std::vector<std::string> ids = main_run_ids(s.file);
  std::set<std::string> completed;
  const auto add = [&](const std::string& id, const std::string& status_text) {
    const auto status = run_status_from(status_text);
    if (status == RunStatus::done || status == RunStatus::diverged) completed.insert(id);
  };
  hdf5::guarded(s.file, "list completed runs", [&] {
    const H5::Group runs = hdf5::open_store_file(s.file).openGroup("runs");
    for (const std::string& id : ids) {
      if (std::binary_search(pending.begin(), pending.end(), id)) continue;
      const H5::Group run = runs.openGroup(id);
      add(id, run.attrExists("status") ? hdf5::read_string(run, "status") : "");
    }
  });
  for (const std::string& id : pending)
    add(id, to_string(read_run(id).status));
  return completed;
}

std::vector<RunHeader> RunStore::run_headers() const {
  const Impl& s = self();
  const std::vector<std::string> pending = s.journal.ids(); // first, as in run_ids()
  const std::vector<std::string> ids = main_run_ids(s.file);
  std::map<std::string, HashList> parsed;
  std::vector<RunHeader> headers;
  hdf5::guarded(s.file, "read run attributes", [&] {
    const H5::Group runs = hdf5::open_store_file(s.file).openGroup("runs");
    for (const std::string& id : ids)
      if (!std::binary_search(pending.begin(), pending.end(), id))
        headers.push_back(hdf5::read_run_header(runs, id, parsed));
  });
  for (const std::string& id : pending) {
    if (!s.in_journal(id)) { // published meanwhile by a writer: in runs.h5 now
      headers.push_back(hdf5::guarded(s.file, "read run '" + id + "'", [&] {
        return hdf5::read_run_header(hdf5::open_store_file(s.file).openGroup("runs"), id, parsed);
      }));
      continue;
    }
    const fs::path run_file = s.journal.file_of(id);
    headers.push_back(hdf5::guarded(run_file, "cannot read run '" + id + "'", [&] {
      return hdf5::read_run_header(hdf5::open_store_file(run_file).openGroup("runs"), id, parsed);
    }));
  }
  std::sort(headers.begin(), headers.end(),
            [](const RunHeader& a, const RunHeader& b) { return a.id < b.id; });
  return headers;
}

void RunStore::set_attribute(const std::string& name, const std::string& value) {
  Impl& s = self();
  if (!s.writable)
    throw StorageError(s.file.string() + ": set attribute: the store is open read-only");
  if (name.empty() || hdf5::is_reserved_attribute(name))
    throw StorageError(s.file.string() + ": set attribute: '" + name + "' is empty or reserved");
  auto& attributes = s.header.attributes;
  const auto it = std::find_if(attributes.begin(), attributes.end(),
                               [&](const auto& a) { return a.first == name; });
  if (it != attributes.end())
    it->second = value;
  else
    attributes.emplace_back(name, value);
  s.publish(true);
}

void RunStore::write_run(const RunRecord& record) {
  Impl& s = self();
  const std::string operation = "write run '" + record.id + "'";
  const auto refuse = [&](const std::string& why) {
    throw StorageError(s.file.string() + ": " + operation + ": " + why);
  };
  if (!s.writable) refuse("the store is open read-only");
  if (!is_link_name(record.id)) refuse("an id must be non-empty, without '/' or a leading '.'");
  for (auto w = record.weights.begin(); w != record.weights.end(); ++w) {
    if (!is_link_name(w->first)) refuse("bad weight name '" + w->first + "'");
    if (std::any_of(record.weights.begin(), w, [&](const auto& v) { return v.first == w->first; }))
      refuse("weight '" + w->first + "' given twice");
  }
  // A one-run store of its own, committed whole: the run survives a kill from here on.
  // Built in memory, then written plainly: a full disk fails the write, not HDF5.
  const std::vector<char> image = hdf5::guarded(s.file, operation, [&] {
    return hdf5::file_image([&](H5::H5File& h5) {
      hdf5::write_int(h5, "format_version", hdf5::format_version);
      hdf5::write_run_group(h5.createGroup("runs"), record);
    });
  });
  s.journal.write(record.id, [&](const fs::path& tmp) { write_file(tmp, image); });
}

void RunStore::publish() {
  Impl& s = self();
  if (!s.writable) throw StorageError(s.file.string() + ": publish: the store is open read-only");
  s.publish(false);
}

RunRecord RunStore::read_run(const std::string& id, RunContent content) const {
  return self().read_run(
      id, [&](const H5::Group& runs) { return hdf5::read_run_group(runs, id, content); });
}

RunOverview RunStore::read_run_overview(const std::string& id) const {
  return self().read_run(id,
                         [&](const H5::Group& runs) { return hdf5::read_run_overview(runs, id); });
}

RunStore::Impl& RunStore::self() const {
  if (!impl_) throw StorageError("RunStore: used after being moved from");
  return *impl_;
}

} // namespace nnlab
