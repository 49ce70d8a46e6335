// event_format_test.cc — dates in GDELT rows and JSON (never year 0; the precision kept), and
// attached quantities written as objects when the analysis is given.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "newsgraph/code.h"

namespace ng {
namespace {

std::vector<std::string> Columns(const std::string& row) {
  std::vector<std::string> out(1);
  for (char c : row) {
    if (c == '\t') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

Event Sample(std::string date) {
  Event e;
  e.sentence = 0;
  e.cameo = e.base = "190";
  e.root = "19";
  e.quad_class = 4;
  e.date = std::move(date);
  e.evidence = {0, 10};
  e.verb = {0, 4};
  return e;
}

TEST(EventFormat, DatePrecision) {
  EXPECT_EQ(DatePrecision("2024-02-07"), "day");
  EXPECT_EQ(DatePrecision("2024-02"), "month");
  EXPECT_EQ(DatePrecision("2024"), "year");
  EXPECT_EQ(DatePrecision("2024-W05"), "week");
  EXPECT_EQ(DatePrecision(""), "");
}

TEST(EventFormat, UndatedEventHasNoYearZero) {
  EventFormatContext ctx;
  ctx.text = "Troops attacked.";
  std::vector<std::string> c = Columns(EventToGdeltRow(Sample(""), ctx));
  ASSERT_EQ(c.size(), 61u);
  EXPECT_EQ(c[1], "");  // SQLDATE
  EXPECT_EQ(c[2], "");  // MonthYear
  EXPECT_EQ(c[3], "");  // Year
  EXPECT_EQ(c[4], "");  // FractionDate
  ASSERT_EQ(c[59].size(), 14u);  // DATEADDED: the time of the run
  EXPECT_NE(c[59].substr(0, 4), "0000");
  EXPECT_NE(EventToJson(Sample(""), ctx).find("\"date\":null,\"date_precision\":null"), std::string::npos);
}

TEST(EventFormat, MonthOnlyDateIsTheFirstDayAndSaysItsPrecision) {
  EventFormatContext ctx;
  ctx.text = "Troops attacked.";
  std::vector<std::string> c = Columns(EventToGdeltRow(Sample("2023-03"), ctx));
  ASSERT_EQ(c.size(), 61u);
  EXPECT_EQ(c[1], "20230301");
  EXPECT_EQ(c[2], "202303");
  EXPECT_EQ(c[3], "2023");
  EXPECT_EQ(c[59], "20230301000000");
  EXPECT_NE(EventToJson(Sample("2023-03"), ctx).find("\"date\":\"2023-03\",\"date_precision\":\"month\""),
            std::string::npos);
}

TEST(EventFormat, QuantitiesAreObjectsWhenTheAnalysisIsGiven) {
  Quantity q;
  q.begin = 0;
  q.end = 10;
  q.text = "85 targets";
  q.value = q.value_max = 85;
  q.unit = "targets";
  std::vector<Quantity> qs = {q};
  Event e = Sample("2024-02-02");
  e.quantities = {0};
  EventFormatContext ctx;
  ctx.text = "85 targets struck.";
  EXPECT_NE(EventToJson(e, ctx).find("\"quantities\":[0]"), std::string::npos);  // no analysis: indexes
  ctx.quantities = &qs;
  std::string json = EventToJson(e, ctx);
  EXPECT_NE(json.find("\"quantities\":[{\"text\":\"85 targets\",\"value\":85"), std::string::npos) << json;
  EXPECT_NE(json.find("\"unit\":\"targets\""), std::string::npos) << json;
}

}  // namespace
}  // namespace ng
