#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

/// The look of every nnlab plot, after the course's matplotlib figures. Colours are
/// 0xRRGGBB; the comment gives the matplotlib name the course uses.
namespace nnlab::plot_style {

/// Canvas size in pixels (the course's figsize=(8, 6) at 100 dpi) and the font of all text.
inline constexpr int width = 800;
inline constexpr int height = 600;
inline constexpr std::string_view font = "DejaVu Sans,12";

/// The frame every plot shares (plot_preamble): the x label of every plot over
/// iterations (the course's plot_cost_vs_iter), the grid's colour, and how long a legend
/// entry may be to sit beside the plot (longer: below it, in two columns up to the second
/// length, else in one).
inline constexpr std::string_view iteration_label = "Number of iterations";
inline constexpr std::uint32_t grid_colour = 0xdddddd;
inline constexpr std::size_t key_beside_max_label = 24;
inline constexpr std::size_t key_two_columns_max_label = 40;

/// Cost vs iteration (the course's plot_cost_vs_iter).
inline constexpr std::uint32_t train_cost = 0xff0000; // 'red'
inline constexpr std::uint32_t test_cost = 0x0000ff;  // 'blue'
inline constexpr double cost_line_width = 1.5;

/// Decision surface (get_decision_surface + plot_scatter): class 0 is the negative class.
inline constexpr std::uint32_t negative_class = 0xffa500; // 'orange'
inline constexpr std::uint32_t positive_class = 0x1e90ff; // 'dodgerblue'
/// Opacity of the filled class regions over the white background (contourf alpha).
inline constexpr double region_alpha = 0.3;
inline constexpr double train_point_size = 0.5; // filled dots
inline constexpr double test_point_size = 0.8;  // crosses
inline constexpr double test_point_width = 1.5;

/// Qualitative palette for sweeps and for k > 2 classes: matplotlib's 'tab10' (Tableau 10).
inline constexpr std::array<std::uint32_t, 10> palette{0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728,
                                                       0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f,
                                                       0xbcbd22, 0x17becf};

/// Sweep plots: one thin, partly transparent line per run, so overlapping seeds stay visible.
inline constexpr double run_line_width = 1.0;
inline constexpr double run_line_alpha = 0.6;
inline constexpr double key_line_width = 3.0;
/// Longer curves are thinned to about this many points in the data file (an 800-pixel
/// plot cannot show more).
inline constexpr std::size_t max_curve_points = 2000;
/// On a log y axis, values below max * log_floor_ratio (and values <= 0) are drawn at
/// that floor instead of stretching the axis over many empty decades.
inline constexpr double log_floor_ratio = 1e-12;

} // namespace nnlab::plot_style
