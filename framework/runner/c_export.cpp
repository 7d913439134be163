// runner export --format c: the network as one C99 source file.
#include <cstdio>
#include <set>
#include <sstream>

#include "network_export.hpp"
#include "nnlab/core/version.hpp"

namespace nnlab::runner {

namespace {

using Kind = Activation::Kind;

/// 17 significant digits: the text reads back as the same double.
std::string literal(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

/// A C string literal of `text`: quotes, backslashes and bytes outside printable ASCII
/// escaped (as octal, which cannot run into the next character).
std::string c_string(const std::string& text) {
  std::string out = "\"";
  for (const unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c > 0x7e || c == '?') { // '?' would start a trigraph
      char code[8];
      std::snprintf(code, sizeof code, "\\%03o", c);
      out += code;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + '"';
}

/// Text for a comment: nothing that could close it.
std::string comment_text(std::string text) {
  for (std::size_t at; (at = text.find("*/")) != std::string::npos;)
    text.replace(at, 2, "* /");
  return text;
}

/// "static const double NAME[N] = {...};" with four values a line.
std::string array(const std::string& name, const double* values, std::size_t n) {
  std::string out = "static const double " + name + "[" + std::to_string(n) + "] = {";
  for (std::size_t i = 0; i < n; ++i)
    out += (i % 4 == 0 ? "\n    " : " ") + literal(values[i]) + (i + 1 < n ? "," : "");
  return out + "};\n";
}

std::string names(const std::string& name, const std::vector<std::string>& values) {
  std::string out = "const char *const " + name + "[" + std::to_string(values.size()) + "] = {";
  for (std::size_t i = 0; i < values.size(); ++i)
    out += (i ? ", " : "") + c_string(values[i]);
  return out + "};\n";
}

/// The definition of each activation's function that the network uses (-Wall refuses an
/// unused static function). Each computes what nnlab's kernel computes.
std::string activation_functions(const std::set<Kind>& used) {
  std::string out;
  if (used.count(Kind::tanh))
    out += "static void nnlab_tanh(double *a, int n) {\n"
           "  int i;\n"
           "  for (i = 0; i < n; ++i) a[i] = tanh(a[i]);\n"
           "}\n\n";
  if (used.count(Kind::sigmoid))
    out += "static void nnlab_sigmoid(double *a, int n) {\n"
           "  int i;\n"
           "  for (i = 0; i < n; ++i) a[i] = 1.0 / (1.0 + exp(-a[i]));\n"
           "}\n\n";
  if (used.count(Kind::relu))
    out += "static void nnlab_relu(double *a, int n) {\n"
           "  int i;\n"
           "  for (i = 0; i < n; ++i) a[i] = a[i] > 0.0 ? a[i] : 0.0;\n"
           "}\n\n";
  if (used.count(Kind::leaky_relu))
    out += "static void nnlab_leaky_relu(double *a, int n, double slope) {\n"
           "  int i;\n"
           "  for (i = 0; i < n; ++i) a[i] = a[i] > 0.0 ? a[i] : slope * a[i];\n"
           "}\n\n";
  if (used.count(Kind::softmax))
    out += "/* Shifted by the largest z, so that exp() stays finite; the result is the same. */\n"
           "static void nnlab_softmax(double *a, int n) {\n"
           "  double shift = a[0], total = 0.0;\n"
           "  int i;\n"
           "  for (i = 1; i < n; ++i) shift = a[i] > shift ? a[i] : shift;\n"
           "  for (i = 0; i < n; ++i) {\n"
           "    a[i] = exp(a[i] - shift);\n"
           "    total += a[i];\n"
           "  }\n"
           "  for (i = 0; i < n; ++i) a[i] /= total;\n"
           "}\n\n";
  return out;
}

/// The call that applies layer l's activation to `a` (n values).
std::string activation_call(const Activation& f, const std::string& a, arma::uword n) {
  const std::string count = std::to_string(n);
  switch (f.kind()) {
  case Kind::tanh: return "  nnlab_tanh(" + a + ", " + count + ");\n";
  case Kind::sigmoid: return "  nnlab_sigmoid(" + a + ", " + count + ");\n";
  case Kind::relu: return "  nnlab_relu(" + a + ", " + count + ");\n";
  case Kind::leaky_relu:
    return "  nnlab_leaky_relu(" + a + ", " + count + ", " + literal(f.slope()) + ");\n";
  case Kind::identity: return "  /* identity: z as it is */\n";
  case Kind::softmax: return "  nnlab_softmax(" + a + ", " + count + ");\n";
  }
  return {};
}

std::string outputs_text(const StoredNetwork& net) {
  const Mlp& mlp = *net.mlp;
  const Activation& f = mlp.layer(mlp.n_layers()).activation();
  if (mlp.n_outputs() == 1)
    return "the " + f.describe() + " output: the probability of class " +
           c_string(net.class_names[1]) + " (class 0 is " + c_string(net.class_names[0]) +
           "), as runner predict's p_" + net.class_names[1];
  return "one " + f.describe() + " output per class, in the order of nnlab_class_names";
}

} // namespace

std::string c_source(const StoredNetwork& net) {
  const Mlp& mlp = *net.mlp;
  const arma::uword L = mlp.n_layers();
  std::ostringstream out;
  std::string shape = std::to_string(mlp.n_inputs()), activations;
  std::set<Kind> used;
  for (arma::uword l = 1; l <= L; ++l) {
    shape += "-" + std::to_string(mlp.layer(l).n_out());
    activations += (l > 1 ? ", " : "") + mlp.layer(l).activation().describe();
    used.insert(mlp.layer(l).activation().kind());
  }
  const bool scaled = !net.scaler().empty();

  out << "/* A trained network, written by nnlab " << version << " (runner export --format c)\n"
      << " * from " << comment_text(provenance(net)) << ".\n"
      << " * A " << shape << " network; activations " << activations << ".\n"
      << " *\n"
      << " *   void nnlab_predict(const double *input, double *output);\n"
      << " *\n"
      << " * input:  the " << mlp.n_inputs() << " raw features, in the order of nnlab_feature_names"
      << (scaled ? ";\n *         the standardisation the network was trained with, "
                   "(x - mean) / scale, is applied here.\n"
                 : " (used as they are:\n *         the network was trained without "
                   "standardisation).\n")
      << " * output: the " << mlp.n_outputs()
      << " activation(s) of the output layer: " << comment_text(outputs_text(net)) << ".\n"
      << " * C99 with no dependency but <math.h> (link with -lm). */\n"
      << "#include <math.h>\n\n"
      << "#define NNLAB_INPUTS " << mlp.n_inputs() << "\n"
      << "#define NNLAB_OUTPUTS " << mlp.n_outputs() << "\n"
      << "#define NNLAB_CLASSES " << net.class_names.size() << "\n\n"
      << "void nnlab_predict(const double *input, double *output);\n\n"
      << names("nnlab_feature_names", net.feature_names)
      << names("nnlab_class_names", net.class_names) << '\n';
  if (scaled)
    out << array("nnlab_mean", net.scaler().mean.memptr(), net.scaler().mean.n_elem)
        << array("nnlab_scale", net.scaler().scale.memptr(), net.scaler().scale.n_elem) << '\n';
  for (arma::uword l = 1; l <= L; ++l) {
    const DenseLayer& layer = mlp.layer(l);
    const arma::mat W = layer.W().t(); // column-major W^T: W row by row
    out << "/* Layer " << l << ": " << layer.n_out() << " units over " << layer.n_in()
        << " inputs, z = W a + b (W row by row, " << layer.n_out() << " x " << layer.n_in()
        << "), then " << layer.activation().describe() << ". */\n"
        << array("nnlab_W" + std::to_string(l), W.memptr(), W.n_elem)
        << array("nnlab_b" + std::to_string(l), layer.b().memptr(), layer.b().n_elem) << '\n';
  }
  out << "/* z = W a + b for n_out units over n_in inputs. */\n"
         "static void nnlab_dense(const double *W, const double *b, int n_out, int n_in,\n"
         "                        const double *a, double *z) {\n"
         "  int i, j;\n"
         "  for (i = 0; i < n_out; ++i) {\n"
         "    double sum = 0.0;\n"
         "    for (j = 0; j < n_in; ++j) sum += W[i * n_in + j] * a[j];\n"
         "    z[i] = sum + b[i];\n"
         "  }\n"
         "}\n\n"
      << activation_functions(used);

  out << "void nnlab_predict(const double *input, double *output) {\n";
  out << "  double a0[" << mlp.n_inputs() << "]";
  for (arma::uword l = 1; l < L; ++l)
    out << ", a" << l << "[" << mlp.layer(l).n_out() << "]";
  out << ";\n  int i;\n"
      << "  for (i = 0; i < " << mlp.n_inputs()
      << "; ++i) a0[i] = " << (scaled ? "(input[i] - nnlab_mean[i]) / nnlab_scale[i]" : "input[i]")
      << ";\n";
  for (arma::uword l = 1; l <= L; ++l) {
    const DenseLayer& layer = mlp.layer(l);
    const std::string a = l == L ? "output" : "a" + std::to_string(l);
    out << "  nnlab_dense(nnlab_W" << l << ", nnlab_b" << l << ", " << layer.n_out() << ", "
        << layer.n_in() << ", a" << l - 1 << ", " << a << ");\n"
        << activation_call(layer.activation(), a, layer.n_out());
  }
  out << "}\n";
  return out.str();
}

} // namespace nnlab::runner
