#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"

namespace nnlab {

/// The image file a plot script writes: PNG (pngcairo), SVG or PDF (pdfcairo, 8 x 6 in).
enum class PlotFormat { png, svg, pdf };
/// "png", "svg" or "pdf": the file extension and the --format word.
NNLAB_EXPORT std::string to_string(PlotFormat format);

/// A plot's canvas in pixels (PDF: 100 pixels to the inch); 0 takes plot_style's size.
struct PlotCanvas {
  int width = 0, height = 0;
};

/// Renders plots with gnuplot. Each plot is a script <stem>.gp beside its data <stem>.dat in
/// one folder, writing <stem>.png, so `cd DIR && gnuplot <stem>.gp` re-renders it by hand.
/// A stem is made of letters, digits and . _ - + = (it names files and goes into scripts).
class NNLAB_EXPORT PlotRenderer {
public:
  /// Creates dir (and its parents); throws PlotError if it cannot.
  explicit PlotRenderer(std::filesystem::path dir, PlotFormat format = PlotFormat::png);

  const std::filesystem::path& dir() const { return dir_; }
  PlotFormat format() const { return format_; }
  /// dir/<stem>.png (or .svg, .pdf; .gif for an animation): the image the script of `stem`
  /// writes.
  std::filesystem::path image_file(const std::string& stem) const;
  /// dir/<stem>.dat
  std::filesystem::path data_file(const std::string& stem) const;
  /// Writes text to data_file(stem); throws PlotError if it cannot.
  void write_data(const std::string& stem, const std::string& text) const;
  /// Writes dir/<stem>.gp: terminal (pngcairo, svg or pdfcairo, plot_style's size and
  /// font, no enhanced text), `set output '<stem>.png'` (.svg, .pdf), then body, then `unset
  /// output`. Throws PlotError on a bad stem or a write failure.
  void add(const std::string& stem, const std::string& body, const PlotCanvas& canvas = {});
  /// The same for an animated GIF, whatever the format: dir/<stem>.gif from gnuplot's `gif
  /// animate` terminal (libgd: no transparency, the font found by fontconfig), looping;
  /// each plot command of body (or each multiplot) is a frame shown `delay` hundredths of a
  /// second. Frames are stored whole (no `optimize`, which drops a frame equal to the one
  /// before), so a frame repeated holds the picture.
  void add_animation(const std::string& stem, const std::string& body, const PlotCanvas& canvas,
                     int delay);
  /// Runs one gnuplot process (through gnuplot-iostream, stderr to dir/gnuplot.log) on
  /// every script added since the last render, with dir as the working folder, and waits
  /// for it. Each <stem>.png must then exist, be non-empty, start with the PNG signature (SVG:
  /// "<?xml" or "<svg"; PDF: "%PDF"), and its script must have raised no gnuplot error. A failed
  /// script does not stop the others. (An animation must be a GIF: "GIF89a".) Throws PlotError
  /// "plot <dir>/<stem>.png: gnuplot failed: <gnuplot's error line>" for the first failure (naming
  /// how many more failed); otherwise returns the PNGs' paths in the order added.
  std::vector<std::filesystem::path> render();

private:
  void write_script(const std::string& stem, const std::string& terminal, const std::string& body);

  std::filesystem::path dir_;
  PlotFormat format_;
  std::vector<std::string> pending_;
  std::vector<std::string> animations_; ///< stems written as animated GIFs
};

/// text as a gnuplot single-quoted string literal (a quote inside is doubled).
NNLAB_EXPORT std::string gnuplot_string(std::string_view text);
/// A colour as a quoted gnuplot literal: '#RRGGBB', or '#AARRGGBB' for opacity < 1
/// (gnuplot's AA is transparency: 00 opaque, FF invisible).
NNLAB_EXPORT std::string gnuplot_colour(std::uint32_t rgb, double opacity = 1.0);

} // namespace nnlab
