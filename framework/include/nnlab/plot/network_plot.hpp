#pragma once

#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/model/mlp.hpp"
#include "nnlab/plot/plot_renderer.hpp"

namespace nnlab {

/// The network as TensorFlow Playground draws it: a column of nodes per layer (inputs
/// first), each weight W_l(i, j) a line from node j of layer l-1 to node i of layer l,
/// its width growing with |w| (8 steps up to the largest |w|), dodgerblue where w > 0 and
/// orange where w < 0; each hidden and output node filled by its bias b_l(i) on a colour
/// bar from orange (negative) through white to blue (positive), the inputs grey; each
/// column named below it ("hidden 1: tanh"). Inputs and outputs are labelled with
/// `input_names` and `output_names` where given. Data:
/// block 0 the weights "x0 y0 dx dy w layer from to width_step colour", block 1 the nodes
/// "x y bias layer unit" (an input's bias NaN). Throws PlotError for a network with more
/// than `max_units` units in a layer (the lines would be a blur).
NNLAB_EXPORT void add_network_plot(PlotRenderer& renderer, const std::string& stem, const Mlp& mlp,
                                   const std::vector<std::string>& input_names,
                                   const std::vector<std::string>& output_names,
                                   const std::string& title, arma::uword max_units = 64);

} // namespace nnlab
