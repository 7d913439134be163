#include "nnlab/core/sha256.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

#include <openssl/evp.h>

#include "nnlab/core/error.hpp"

namespace nnlab {

namespace {

class Digest {
public:
  Digest() : context_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
    if (!context_ || EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr) != 1)
      throw Error("sha256: OpenSSL cannot start a digest");
  }
  void update(const void* data, std::size_t size) { EVP_DigestUpdate(context_.get(), data, size); }
  std::string hex() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> bytes{};
    unsigned int size = 0;
    EVP_DigestFinal_ex(context_.get(), bytes.data(), &size);
    static const char digits[] = "0123456789abcdef";
    std::string text;
    for (unsigned int i = 0; i < size; ++i) {
      text += digits[bytes[i] >> 4];
      text += digits[bytes[i] & 15];
    }
    return text;
  }

private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context_;
};

} // namespace

std::string sha256_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw StorageError(file.string() + ": cannot read: " + std::strerror(errno));
  Digest digest;
  std::array<char, 1 << 16> buffer{};
  while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0)
    digest.update(buffer.data(), static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw StorageError(file.string() + ": read failed");
  return digest.hex();
}

std::string sha256_text(std::string_view text) {
  Digest digest;
  digest.update(text.data(), text.size());
  return digest.hex();
}

} // namespace nnlab
