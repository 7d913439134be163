#pragma once

#include <string>

#include "json_output.hpp"
#include "nnlab/report/stored_network.hpp"

namespace nnlab::runner {

/// The formats `runner export` writes a stored run's network in. Each holds the network's
/// weights and activations, its standardisation and the names of its inputs and classes, and
/// computes what StoredNetwork::outputs() computes (the tests tie each to `runner predict`).

/// c: one dependency-free C99 file defining
///   void nnlab_predict(const double *input, double *output);
/// input: the raw features in the run's order; output: the output layer's activations.
/// Weights are written with 17 significant digits, which read back to the same doubles.
std::string c_source(const StoredNetwork& net);

/// json: the document the README describes ("nnlab_model": 1; Predicting and exporting).
Json json_model(const StoredNetwork& net);

/// onnx: a ModelProto (opset 13, float64 tensors), serialised: input "input" (N x features),
/// output "output" (N x outputs); Sub and Div standardise, then per layer Gemm and the
/// activation's operator.
std::string onnx_model(const StoredNetwork& net);

/// What the exported files say of where they come from: "<store>:<id> (run N, seed S,
/// label)".
std::string provenance(const StoredNetwork& net);

} // namespace nnlab::runner
