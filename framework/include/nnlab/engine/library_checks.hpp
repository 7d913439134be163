#pragma once

#include <string>
#include <vector>

#include "nnlab/export.hpp"

namespace nnlab {

/// One re-execution of a stored run with a library rebuilt since the run was stored.
struct LibraryCheck {
  std::string library;     ///< "core", "optimizer/sgd"
  std::string now;         ///< the SHA-256 of the library the run was re-executed with
  std::string was;         ///< the SHA-256 of the library the run was stored with
  std::string run;         ///< the run's id
  bool reproduced = false; ///< every series and weight bit for bit
  std::string difference;  ///< the first difference when not (verify's wording)
  std::string checked;     ///< when, ISO 8601 UTC
};

/// What re-executions found about rebuilt libraries: the store's root attribute
/// `library_checks`, a YAML list of LibraryChecks, so that a rerun checks a rebuilt library
/// once. A library whose new build reproduces a run of the old one gives the same results
/// (two builds that reproduce a third are alike too); one that does not gives other results,
/// as do the builds found alike to either side.
class NNLAB_EXPORT LibraryChecks {
public:
  enum class Verdict { same, differs, unchecked };

  /// The checks an attribute holds (none for an empty text). Throws StorageError naming
  /// `where` when the text is not such a list.
  static LibraryChecks parse(const std::string& text, const std::string& where);
  /// The attribute's text: a YAML list, one map a check.
  std::string to_yaml() const;

  void add(LibraryCheck check) { checks_.push_back(std::move(check)); }
  const std::vector<LibraryCheck>& checks() const { return checks_; }

  /// Whether `library` built as `now` gives the results it gave built as `was`: `same`
  /// when the hashes are equal or checks link them, `differs` when a check found a
  /// difference between them (or builds alike to them), `unchecked` otherwise.
  Verdict verdict(const std::string& library, const std::string& now, const std::string& was) const;
  /// The check that decided a verdict other than unchecked (nullptr for equal hashes).
  const LibraryCheck* deciding(const std::string& library, const std::string& now,
                               const std::string& was) const;

private:
  std::vector<std::string> alike(const std::string& library, const std::string& hash) const;

  std::vector<LibraryCheck> checks_;
};

} // namespace nnlab
