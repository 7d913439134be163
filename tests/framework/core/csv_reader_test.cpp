#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "nnlab/core/csv_reader.hpp"
#include "nnlab/core/error.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Message;

namespace {

/// A record as the test tables write it: the line it starts on and its fields.
struct Record {
  std::size_t line;
  std::vector<std::string> fields;
  bool operator==(const Record& other) const {
    return line == other.line && fields == other.fields;
  }
};

std::vector<Record> records(std::string_view text, nnlab::CsvDialect dialect = {}) {
  nnlab::CsvReader reader(text, "t.csv", dialect);
  std::vector<Record> out;
  while (reader.next())
    out.push_back({reader.line(), reader.fields()});
  return out;
}

std::string shown(const std::vector<Record>& records) {
  std::string text;
  for (const Record& record : records) {
    text += std::to_string(record.line) + ":";
    for (const auto& field : record.fields)
      text += " [" + nnlab::CsvReader::shown(field) + "]";
    text += "\n";
  }
  return text;
}

} // namespace

namespace Catch {
template <> struct StringMaker<std::vector<Record>> {
  static std::string convert(const std::vector<Record>& value) { return shown(value); }
};
} // namespace Catch

TEST_CASE("CsvReader: every case of RFC 4180 and of the files users have", "[core][csv]") {
  using R = std::vector<Record>;
  auto [what, text, expected] = GENERATE(table<std::string, std::string, R>({
      {"plain", "a,b\n1,2\n", R{{1, {"a", "b"}}, {2, {"1", "2"}}}},
      {"no final newline", "a,b\n1,2", R{{1, {"a", "b"}}, {2, {"1", "2"}}}},
      {"quoted header names (R's write.csv)", "\"x1\",\"x2\",\"y\"\n1,2,\"0\"\n",
       R{{1, {"x1", "x2", "y"}}, {2, {"1", "2", "0"}}}},
      {"embedded comma", "name,y\n\"Smith, J\",1\n", R{{1, {"name", "y"}}, {2, {"Smith, J", "1"}}}},
      {"doubled quotes", "q\n\"say \"\"hi\"\"\"\n\"\"\"\"\n",
       R{{1, {"q"}}, {2, {"say \"hi\""}}, {3, {"\""}}}},
      {"newline in quotes: the next record's line counts it", "a,b\n\"two\nlines\",1\n3,4\n",
       R{{1, {"a", "b"}}, {2, {"two\nlines", "1"}}, {4, {"3", "4"}}}},
      {"CRLF line ends", "a,b\r\n1,2\r\n", R{{1, {"a", "b"}}, {2, {"1", "2"}}}},
      {"CRLF inside quotes is kept", "a\r\n\"x\r\ny\"\r\n", R{{1, {"a"}}, {2, {"x\r\ny"}}}},
      {"UTF-8 byte-order mark", "\xEF\xBB\xBFx,y\n1,2\n", R{{1, {"x", "y"}}, {2, {"1", "2"}}}},
      {"byte-order mark before a quoted name", "\xEF\xBB\xBF\"x\",y\n1,2\n",
       R{{1, {"x", "y"}}, {2, {"1", "2"}}}},
      {"trailing blank lines", "a\n1\n\n\r\n  \n", R{{1, {"a"}}, {2, {"1"}}}},
      {"a blank line inside is a blank record", "a\n1\n\n2\n",
       R{{1, {"a"}}, {2, {"1"}}, {3, {""}}, {4, {"2"}}}},
      {"unquoted fields are trimmed", " a , b \n 1 ,\t2\n", R{{1, {"a", "b"}}, {2, {"1", "2"}}}},
      {"quoted fields keep their blanks, blanks around quotes go", " \" a \" ,b\n",
       R{{1, {" a ", "b"}}}},
      {"empty fields, quoted or not", ",\"\",\n", R{{1, {"", "", ""}}}},
      {"a final delimiter at the very end", "a,", R{{1, {"a", ""}}}},
      {"a quote inside an unquoted field is a character", "5\" disk,x\n",
       R{{1, {"5\" disk", "x"}}}},
      {"an empty text has no records", "", R{}},
      {"blanks only have no records", " \r\n\n\t\n", R{}},
      {"a byte-order mark alone has no records", "\xEF\xBB\xBF", R{}},
  }));
  CAPTURE(what, text);
  CHECK(records(text) == expected);
}

TEST_CASE("CsvReader: other delimiters", "[core][csv]") {
  using R = std::vector<Record>;
  auto [delimiter, text, expected] = GENERATE(table<char, std::string, R>({
      {';', "x1;x2;y\n1,5;2;0\n", R{{1, {"x1", "x2", "y"}}, {2, {"1,5", "2", "0"}}}},
      {';', "\"a;b\";c\n", R{{1, {"a;b", "c"}}}},
      {'\t', "x1\tx2\n 1\t\t\n", R{{1, {"x1", "x2"}}, {2, {"1", "", ""}}}},
      {'\t', "\"a\tb\"\tc\r\n", R{{1, {"a\tb", "c"}}}},
      {'|', "a|b\n1|2\n", R{{1, {"a", "b"}}, {2, {"1", "2"}}}},
      {',', "x1;x2\tz\n", R{{1, {"x1;x2\tz"}}}},
  }));
  CAPTURE(delimiter, text);
  CHECK(records(text, {delimiter, false}) == expected);
}

TEST_CASE("CsvReader: comment lines, for the weights files", "[core][csv]") {
  const std::string text = "# header comment\nW1,1,2\n  # indented\n\nb1,3\n#end";
  using R = std::vector<Record>;
  CHECK(records(text, {',', true}) == R{{2, {"W1", "1", "2"}}, {4, {""}}, {5, {"b1", "3"}}});
  // Without the option '#' is text like any other.
  CHECK(records("#a,b\n", {}) == R{{1, {"#a", "b"}}});
}

TEST_CASE("CsvReader: which fields were quoted, and blank records", "[core][csv]") {
  nnlab::CsvReader reader("\"x;y\",z\n\n\"\"\n", "t.csv");
  REQUIRE(reader.next());
  CHECK(reader.quoted(0));
  CHECK_FALSE(reader.quoted(1));
  CHECK_FALSE(reader.blank());
  REQUIRE(reader.next());
  CHECK(reader.blank());
  REQUIRE(reader.next()); // "" is an empty field that was written, not a blank line
  CHECK_FALSE(reader.blank());
  CHECK(reader.size() == 1);
  CHECK_FALSE(reader.next());
  CHECK_FALSE(reader.next()); // stays at the end
}

TEST_CASE("CsvReader: a broken quote is a DataError naming the line", "[core][csv]") {
  auto [text, error] = GENERATE(table<std::string, std::string>({
      {"a,b\n1,\"open\n2,3\n",
       "t.csv:2: field 2: a quoted field starts here and never ends (no closing '\"' before the "
       "end of the file)"},
      {"a\n\"x\"y,1\n",
       "t.csv:2: field 1: expected ',' or the end of the line after the closing quote of \"x\", "
       "got 'y' (a quote inside a quoted field is written twice: \"\")"},
      {"a\n\"two\nlines\" z \n",
       "t.csv:3: field 1: expected ',' or the end of the line after the closing quote of "
       "\"two\\nlines\", got 'z' (a quote inside a quoted field is written twice: \"\")"},
  }));
  CAPTURE(text);
  REQUIRE_THROWS_MATCHES(records(text), nnlab::DataError, Message(error));
}

TEST_CASE("CsvReader: a tab-separated file's error names the tab", "[core][csv]") {
  REQUIRE_THROWS_MATCHES(records("\"a\"b\tc\n", {'\t', false}), nnlab::DataError,
                         Message("t.csv:1: field 1: expected a tab or the end of the line after "
                                 "the closing quote of \"a\", got 'b' (a quote inside a quoted "
                                 "field is written twice: \"\")"));
}

TEST_CASE("read_text_file: the bytes, or a DataError naming the file", "[core][csv]") {
  nnlab::test::TempDir dir;
  const std::string bytes("a\0b\r\n", 5);
  CHECK(nnlab::read_text_file(dir.write("f.csv", bytes)) == bytes);
  const auto missing = dir.path() / "none.csv";
  REQUIRE_THROWS_MATCHES(nnlab::read_text_file(missing), nnlab::DataError,
                         Message(missing.string() + ": cannot read: No such file or directory"));
}
