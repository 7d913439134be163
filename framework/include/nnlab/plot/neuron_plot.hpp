#pragma once

#include <optional>
#include <string>

#include "nnlab/export.hpp"
#include "nnlab/model/mlp.hpp"
#include "nnlab/plot/decision_surface.hpp"
#include "nnlab/plot/plot_renderer.hpp"
#include "nnlab/plugin/dataset.hpp"

namespace nnlab {

/// What each unit of a network on 2-D data computes (TensorFlow Playground's neurons): one
/// small heatmap per unit of its activation a_l over the input plane, from the panel pass
/// that training uses (PanelPass::forward_layers) on a grid x grid lattice of
/// data_range(data) (or `range`). The maps stand in columns as the network is drawn: the
/// two inputs, each hidden layer, the output layer, each centred vertically; a column of
/// more than 8 units wraps into several, and at most 64 units of a layer are drawn (its header says
/// so). Colours go from orange (low) through white to dodgerblue (high) over the activation's range
/// (tanh -1..1, sigmoid and softmax 0..1, else -max|a|..max|a|), so a first-layer tanh unit shows
/// as a half-plane and the output as the class regions (decision-<id> shows the points).
/// Data: one matrix block per unit (a line per row of constant y), in column order. The
/// canvas grows with the columns and rows.
/// Throws PlotError unless the data has 2 features and mlp 2 inputs.
NNLAB_EXPORT void add_neuron_plot(PlotRenderer& renderer, const std::string& stem, const Mlp& mlp,
                                  const DataSplit& data, const std::string& title,
                                  arma::uword grid = 64,
                                  const std::optional<PlotRange>& range = std::nullopt);

} // namespace nnlab
