#pragma once

#include <optional>
#include <string>

#include "nnlab/export.hpp"
#include "nnlab/model/mlp.hpp"
#include "nnlab/plot/decision_surface.hpp"
#include "nnlab/plot/plot_renderer.hpp"
#include "nnlab/plugin/dataset.hpp"
#include "nnlab/train/series.hpp"
#include "nnlab/train/snapshots.hpp"

namespace nnlab {

/// The decision surface as it forms during training: an animated GIF (<stem>.gif) with one
/// frame per snapshot. Left, the surface of that snapshot's weights on a grid x grid
/// lattice of data_range(data) (or `range`), evaluated by the panel pass as training
/// does: for two classes the probability of the positive class in ten bands (orange 0,
/// white 0.5, dodgerblue 1), for more the predicted class; the train points coloured by
/// class. Right, the train (red) and test (blue) cost over the iterations, a dashed
/// cursor at the frame's iteration, titled "iteration t of N"; its x axis is logarithmic
/// when the snapshots are (their middle one below a quarter of the last). The last frame
/// is held for about 1.5 s. Data: blocks 0..K-1 the surfaces (matrix blocks), K the train
/// points, K+1 the test points ("x y class"), K+2 the cost "iteration cost_train
/// cost_test". With `neurons`, a strip below them shows each unit's activation at the
/// frame's snapshot (TensorFlow Playground's neurons, as add_neuron_plot() draws them: one
/// small map per unit, layers left to right, at most 8 units of a layer), the canvas
/// taller by the strip; data blocks K+3 on, per snapshot one block per unit drawn, in
/// layer order. Throws PlotError when there are no snapshots, they do not fit the network,
/// the data has not 2 features, or there is no cost series.
NNLAB_EXPORT void add_training_movie(PlotRenderer& renderer, const std::string& stem,
                                     const Architecture& architecture,
                                     const RunSnapshots& snapshots, const RunSeries& series,
                                     const DataSplit& data, const std::string& title,
                                     arma::uword grid = 80,
                                     const std::optional<PlotRange>& range = std::nullopt,
                                     bool neurons = false);

} // namespace nnlab
