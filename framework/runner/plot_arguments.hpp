#pragma once

#include <optional>
#include <string>

#include "cli.hpp"
#include "nnlab/plot/decision_surface.hpp"
#include "nnlab/plot/plot_renderer.hpp"

namespace nnlab::runner {

/// --format: png (also when empty), svg or pdf.
PlotFormat parse_format(const std::string& text);
/// A number given to `option` (--target); anything else is a usage error.
double parse_number(const std::string& option, const std::string& text);
/// --range x0,x1,y0,y1 with x0 < x1 and y0 < y1.
PlotRange parse_range(const std::string& text);
/// --log-y / --linear-y: true, false, or nothing when neither is given.
std::optional<bool> parse_log_y(const CliOptions::PlotArgs& plot);

} // namespace nnlab::runner
