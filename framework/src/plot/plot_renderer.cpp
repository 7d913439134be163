#include "nnlab/plot/plot_renderer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <system_error>
#include <thread>
#include <utility>

#include <gnuplot-iostream.h>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/plot_style.hpp"

namespace nnlab {

namespace {

constexpr std::string_view log_name = "gnuplot.log";
// Printed to gnuplot's stderr before each script, so the log can be split per plot.
constexpr std::string_view marker = "nnlab: rendering ";

void check_stem(const std::string& stem) {
  const bool ok = !stem.empty() && std::all_of(stem.begin(), stem.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("._-+=").find(c) != std::string_view::npos;
  });
  if (!ok) throw PlotError("plot stem '" + stem + "': use only letters, digits and . _ - + =");
}

void write_file(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw PlotError("plot " + file.string() + ": cannot write the file");
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

bool is_png(const std::filesystem::path& file) {
  static constexpr std::array<unsigned char, 8> signature{0x89, 'P',  'N',  'G',
                                                          '\r', '\n', 0x1a, '\n'};
  std::ifstream in(file, std::ios::binary);
  std::array<char, 8> head{};
  if (!in.read(head.data(), head.size())) return false;
  return std::equal(head.begin(), head.end(), signature.begin(),
                    [](char a, unsigned char b) { return static_cast<unsigned char>(a) == b; });
}

bool starts_with_text(const std::filesystem::path& file, std::string_view text) {
  std::ifstream in(file, std::ios::binary);
  std::string head(text.size(), '\0');
  return in.read(head.data(), static_cast<std::streamsize>(head.size())) && head == text;
}

bool is_image(const std::filesystem::path& file, PlotFormat format) {
  switch (format) {
  case PlotFormat::png: return is_png(file);
  case PlotFormat::svg: return starts_with_text(file, "<?xml") || starts_with_text(file, "<svg");
  case PlotFormat::pdf: return starts_with_text(file, "%PDF");
  }
  return false;
}

PlotCanvas sized(const PlotCanvas& canvas) {
  return {canvas.width > 0 ? canvas.width : plot_style::width,
          canvas.height > 0 ? canvas.height : plot_style::height};
}

std::string terminal(PlotFormat format, const PlotCanvas& asked) {
  std::ostringstream text;
  const auto font = gnuplot_string(plot_style::font);
  const PlotCanvas canvas = sized(asked);
  switch (format) {
  case PlotFormat::png: text << "pngcairo size " << canvas.width << "," << canvas.height; break;
  case PlotFormat::svg:
    text << "svg size " << canvas.width << "," << canvas.height << " background '#ffffff'";
    break;
  case PlotFormat::pdf: // 100 pixels to the inch, as the PNG
    text << "pdfcairo size " << canvas.width / 100.0 << "in," << canvas.height / 100.0 << "in";
    break;
  }
  text << " font " << font << " noenhanced";
  return text.str();
}

std::string trim(const std::string& line) {
  const auto first = line.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
}

bool is_warning(const std::string& line) {
  std::string lower = line;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.find("warning") != std::string::npos;
}

/// How many gnuplot processes draw `scripts` plots: one per core, at most
/// max_gnuplot_processes, and no more than one per few scripts (a process costs a start).
std::size_t gnuplot_processes(std::size_t scripts) {
  constexpr std::size_t max_gnuplot_processes = 4, scripts_per_process = 4;
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  return std::clamp<std::size_t>(scripts / scripts_per_process, 1,
                                 std::min(cores, max_gnuplot_processes));
}

/// The indices of `stems` in `n` shares of about equal work, the size of a script's data
/// standing for its work: largest first, each to the share with the least so far (an
/// animation's many frames weigh as its data does). Each share keeps the order added.
std::vector<std::vector<std::size_t>> split_by_size(const std::filesystem::path& dir,
                                                    const std::vector<std::string>& stems,
                                                    std::size_t n) {
  std::vector<std::vector<std::size_t>> shares(n);
  if (n == 1) {
    for (std::size_t i = 0; i < stems.size(); ++i)
      shares[0].push_back(i);
    return shares;
  }
  std::vector<std::uintmax_t> size(stems.size(), 0);
  for (std::size_t i = 0; i < stems.size(); ++i) {
    std::error_code ec; // a plot without data weighs as its script
    const auto dat = std::filesystem::file_size(dir / (stems[i] + ".dat"), ec);
    size[i] = ec ? 0 : dat;
  }
  std::vector<std::size_t> order(stems.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return size[a] > size[b]; });
  std::vector<std::uintmax_t> load(n, 0);
  for (const std::size_t i : order) {
    const auto least = std::min_element(load.begin(), load.end()) - load.begin();
    shares[least].push_back(i);
    load[least] += size[i] + 1;
  }
  for (auto& share : shares)
    std::sort(share.begin(), share.end());
  std::erase_if(shares, [](const auto& share) { return share.empty(); });
  return shares;
}

/// Joins the processes' logs (in dir) into `joined`, removing them.
void join_logs(const std::filesystem::path& dir, const std::vector<std::string>& logs,
               const std::filesystem::path& joined) {
  std::ofstream out(joined, std::ios::binary | std::ios::trunc);
  for (const auto& name : logs) {
    std::ifstream in(dir / name, std::ios::binary);
    if (in.peek() != std::ifstream::traits_type::eof()) out << in.rdbuf();
    in.close();
    std::error_code ignored;
    std::filesystem::remove(dir / name, ignored);
  }
}

/// gnuplot's stderr, split by the markers: what it printed while running <stem>.gp. Lines
/// before the first marker (e.g. the shell's "gnuplot: not found") belong to every plot.
class GnuplotLog {
public:
  explicit GnuplotLog(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string section;
    for (std::string line; std::getline(in, line);) {
      if (line.starts_with(marker)) {
        section = line.substr(marker.size());
        sections_[section];
      } else if (const auto text = trim(line); !text.empty()) {
        sections_[section].push_back(text);
      }
    }
  }

  /// The first error gnuplot reported inside <stem>.gp (`"<stem>.gp" line N: ...`, not a
  /// warning), or "" if none.
  std::string script_error(const std::string& stem) const {
    const std::string prefix = "\"" + stem + ".gp\" line ";
    for (const auto& line : lines(stem))
      if (line.starts_with(prefix) && !is_warning(line)) return line;
    return {};
  }

  /// The best line to quote for a plot that was not drawn: the script error, else the
  /// first other non-warning message, else a warning, else a pointer to the log.
  std::string failure(const std::string& stem, const std::filesystem::path& log_file) const {
    if (auto error = script_error(stem); !error.empty()) return error;
    std::vector<std::string> candidates;
    for (const auto& line : lines(stem))
      if (!line.starts_with("gnuplot>") && line.find_first_not_of("^ ") != std::string::npos)
        candidates.push_back(line);
    for (const auto& line : candidates)
      if (!is_warning(line)) return line;
    if (!candidates.empty()) return candidates.front();
    return "no PNG written and no message (see " + log_file.string() + ")";
  }

private:
  std::vector<std::string> lines(const std::string& stem) const {
    std::vector<std::string> all;
    if (const auto before = sections_.find(""); before != sections_.end()) all = before->second;
    const auto section = sections_.find(stem + ".gp");
    if (section != sections_.end())
      all.insert(all.end(), section->second.begin(), section->second.end());
    return all;
  }

  std::map<std::string, std::vector<std::string>> sections_;
};

} // namespace

std::string gnuplot_string(std::string_view text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'')
      quoted += "''";
    else // a line break would end the command in the middle of the string
      quoted += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return quoted + "'";
}

std::string gnuplot_colour(std::uint32_t rgb, double opacity) {
  std::array<char, 16> text{};
  if (opacity >= 1.0) {
    std::snprintf(text.data(), text.size(), "'#%06x'", rgb & 0xffffffU);
  } else {
    const auto transparency =
        static_cast<unsigned>(std::lround(255.0 * (1.0 - std::clamp(opacity, 0.0, 1.0))));
    std::snprintf(text.data(), text.size(), "'#%02x%06x'", transparency, rgb & 0xffffffU);
  }
  return text.data();
}

std::string to_string(PlotFormat format) {
  switch (format) {
  case PlotFormat::png: return "png";
  case PlotFormat::svg: return "svg";
  case PlotFormat::pdf: return "pdf";
  }
  return "png";
}

PlotRenderer::PlotRenderer(std::filesystem::path dir, PlotFormat format)
    : dir_(std::move(dir)), format_(format) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec || !std::filesystem::is_directory(dir_))
    throw PlotError("plot folder " + dir_.string() + ": cannot create it" +
                    (ec ? ": " + ec.message() : std::string()));
}

std::filesystem::path PlotRenderer::image_file(const std::string& stem) const {
  check_stem(stem);
  const bool animated =
      std::find(animations_.begin(), animations_.end(), stem) != animations_.end();
  return dir_ / (stem + "." + (animated ? std::string("gif") : to_string(format_)));
}

std::filesystem::path PlotRenderer::data_file(const std::string& stem) const {
  check_stem(stem);
  return dir_ / (stem + ".dat");
}

void PlotRenderer::write_data(const std::string& stem, const std::string& text) const {
  write_file(data_file(stem), text);
}

void PlotRenderer::write_script(const std::string& stem, const std::string& terminal,
                                const std::string& body) {
  std::ostringstream script;
  script << "# Written by nnlab. Re-render in this folder with: gnuplot " << stem << ".gp\n"
         << "set terminal " << terminal << "\n"
         << "set output " << gnuplot_string(image_file(stem).filename().string()) << "\n"
         << body << (body.ends_with('\n') ? "" : "\n") << "unset output\n";
  write_file(dir_ / (stem + ".gp"), script.str());
  if (std::find(pending_.begin(), pending_.end(), stem) == pending_.end()) pending_.push_back(stem);
}

void PlotRenderer::add(const std::string& stem, const std::string& body, const PlotCanvas& canvas) {
  check_stem(stem);
  std::erase(animations_, stem);
  write_script(stem, terminal(format_, canvas), body);
}

void PlotRenderer::add_animation(const std::string& stem, const std::string& body,
                                 const PlotCanvas& canvas, int delay) {
  check_stem(stem);
  if (std::find(animations_.begin(), animations_.end(), stem) == animations_.end())
    animations_.push_back(stem);
  const PlotCanvas size = sized(canvas);
  std::ostringstream gif;
  gif << "gif animate delay " << std::max(delay, 1) << " loop 0 size " << size.width << ","
      << size.height << " font " << gnuplot_string(plot_style::font) << " noenhanced";
  write_script(stem, gif.str(), body);
}

std::vector<std::filesystem::path> PlotRenderer::render() {
  const std::vector<std::string> stems = std::exchange(pending_, {});
  if (stems.empty()) return {};
  const auto png = [&](const std::string& stem) { return image_file(stem); };
  const auto log_file = dir_ / log_name;
  std::error_code ignored; // a stale PNG must not pass for a fresh one, nor an old log
  for (const auto& stem : stems)
    std::filesystem::remove(png(stem), ignored);
  std::filesystem::remove(log_file, ignored);

  // A few gnuplot processes side by side, each on its share of the scripts (a process per
  // core, at most max_gnuplot_processes): with commands on a pipe (not a terminal) gnuplot
  // reports an error, abandons that `load` and goes on with the next command. `reset
  // session` keeps one script's settings and variables out of the next. The trailing loop
  // (shell builtins only) drains what gnuplot left unread if it died or was never found, so
  // our writes cannot raise SIGPIPE, and makes the exit status 0 (gnuplot-iostream
  // complains on stderr otherwise). Each process logs to its own file; the logs are then
  // joined into gnuplot.log (each script's lines follow its marker, so the order of the
  // shares does not matter).
  const auto shares = split_by_size(dir_, stems, gnuplot_processes(stems.size()));
  std::vector<std::string> logs;
  try {
    std::vector<std::unique_ptr<gnuplotio::Gnuplot>> processes;
    for (std::size_t k = 0; k < shares.size(); ++k) {
      logs.push_back(shares.size() == 1 ? std::string(log_name)
                                        : std::string(log_name) + "." + std::to_string(k));
      const std::string command = "cd " + shell_quote(dir_.string()) + " && gnuplot 2> " +
                                  logs.back() + "; while read -r line; do :; done";
      std::ostringstream commands;
      for (const std::size_t i : shares[k])
        commands << "print " << gnuplot_string(std::string(marker) + stems[i] + ".gp") << "\n"
                 << "reset session\n"
                 << "load " << gnuplot_string(stems[i] + ".gp") << "\n";
      processes.push_back(std::make_unique<gnuplotio::Gnuplot>(command));
      *processes.back() << commands.str() << std::flush;
    }
  } catch (const std::ios_base::failure& e) { // popen failed, or the pipe broke
    throw PlotError("plot folder " + dir_.string() + ": cannot run gnuplot: " + e.what());
  } // ~Gnuplot closes each pipe and waits (pclose) until its gnuplot has finished
  if (logs.size() > 1) join_logs(dir_, logs, log_file);

  const GnuplotLog log(log_file);
  std::vector<std::filesystem::path> rendered;
  std::vector<std::string> failures;
  for (const auto& stem : stems) {
    const auto file = png(stem);
    std::error_code ec;
    const bool gif = file.extension() == ".gif";
    const bool drawn = std::filesystem::file_size(file, ec) > 0 && !ec &&
                       (gif ? starts_with_text(file, "GIF89a") : is_image(file, format_));
    const std::string error = drawn ? log.script_error(stem) : log.failure(stem, log_file);
    if (error.empty())
      rendered.push_back(file);
    else
      failures.push_back("plot " + file.string() + ": gnuplot failed: " + error);
  }
  if (!failures.empty())
    throw PlotError(failures.front() +
                    (failures.size() > 1
                         ? " (and " + std::to_string(failures.size() - 1) + " more failed plots)"
                         : std::string()));
  return rendered;
}

} // namespace nnlab
