#pragma once

/// Everything a plugin author includes: the three plugin kinds, their configuration,
/// and the registration macros.
///   #include <nnlab/plugin.hpp>

#include "nnlab/core/csv_reader.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/core/rng.hpp"
#include "nnlab/core/vector_math.hpp"
#include "nnlab/plugin/dataset.hpp"
#include "nnlab/plugin/holdout_split.hpp"
#include "nnlab/plugin/loss.hpp"
#include "nnlab/plugin/optimizer.hpp"
#include "nnlab/plugin/param_spec.hpp"
#include "nnlab/plugin/plugin_config.hpp"
#include "nnlab/plugin/register.hpp"
