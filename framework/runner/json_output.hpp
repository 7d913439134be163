#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "nnlab/yaml/config_node.hpp"

namespace nnlab {
struct Experiment;
struct PluginDescription;
struct RunSpec;
struct StoreComparison;
struct GroupStatistics;
struct SweepStanding;
} // namespace nnlab

namespace nnlab::runner {

/// Keys stay in the order written, as the tables print them.
using Json = nlohmann::ordered_json;

/// The version of the documents --json prints (docs/json.md); bumped when a field changes
/// meaning or goes, not when one is added.
inline constexpr int json_version = 1;

/// Prints one JSON document for `command`: {"nnlab_json": 1, "command": "...", ...body},
/// indented, ending in a newline. Every --json output goes through here.
void print_json(std::ostream& out, std::string_view command, const Json& body);

/// A number, or null for NaN and infinities (which JSON has no words for).
Json json_number(double value);
/// A YAML scalar's text typed as YAML reads it: integer, number, true/false, null or string.
Json json_scalar(const std::string& text);
/// A config tree: maps as objects, sequences as arrays, scalars typed (json_scalar).
Json to_json(const ConfigNode& node);

/// validate: the experiment, its counts and every run with its point, resolved config and
/// estimated peak memory in bytes (`memory`, one per run), and the limit they were checked
/// against (0: none).
Json run_table_json(const Experiment& experiment, const std::vector<RunSpec>& specs,
                    const std::vector<std::uint64_t>& memory, std::uint64_t memory_limit);
/// list: one plugin with its parameters.
Json plugin_json(const PluginDescription& plugin);
/// compare --table: the stores, the keys grouped by, and one object per group.
Json comparison_json(const StoreComparison& comparison);
/// compare --stats: the statistics of each group against the baseline (the rows of stats.csv,
/// with the per-seed differences of a paired comparison).
Json statistics_json(const GroupStatistics& statistics);
/// status: the experiment, its store, the counts per state, each changed file or library,
/// and every run with its state and why. `labels`: each run's label when the runs come from
/// a store (they have no sweep point), else empty.
Json status_json(const Experiment& experiment, const std::vector<RunSpec>& specs,
                 const std::vector<std::string>& labels, const SweepStanding& standing,
                 const std::filesystem::path& store_file, bool store_exists);

} // namespace nnlab::runner
