// test_budget.h — the wall-clock budgets some unit tests set against super-linear blow-ups (a loop
// gone quadratic takes minutes, not seconds). ThreadSanitizer slows single-threaded code 5–15×,
// so the TSAN=1 build (NG_TSAN) gives them ten times the budget.
#pragma once

namespace ng::testutil {

#if defined(__SANITIZE_THREAD__)
inline constexpr double kTimeBudgetScale = 10.0;
#else
inline constexpr double kTimeBudgetScale = 1.0;
#endif

}  // namespace ng::testutil
