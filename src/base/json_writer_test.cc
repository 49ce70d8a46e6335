#include "base/json_writer.h"

#include <gtest/gtest.h>

namespace ng {
namespace {

TEST(PrettyJson, IndentsObjectsKeepsScalarArraysOnOneLine) {
  EXPECT_EQ(PrettyJson(R"({"a":1,"b":[1,2,"x,]"],"c":{"d":null,"e":[]},"f":[{"g":"h"}]})"),
            "{\n"
            "  \"a\": 1,\n"
            "  \"b\": [1, 2, \"x,]\"],\n"
            "  \"c\": {\n"
            "    \"d\": null,\n"
            "    \"e\": []\n"
            "  },\n"
            "  \"f\": [\n"
            "    {\n"
            "      \"g\": \"h\"\n"
            "    }\n"
            "  ]\n"
            "}");
}

TEST(PrettyJson, StringsAreCopiedAsTheyAre) {
  EXPECT_EQ(PrettyJson(R"({"t":"a \"{b}\": [c], d\\"})"), "{\n  \"t\": \"a \\\"{b}\\\": [c], d\\\\\"\n}");
  EXPECT_EQ(PrettyJson("{}"), "{}");
}

}  // namespace
}  // namespace ng
