// Whether this test binary runs under AddressSanitizer (CI's Debug + ASan + UBSan pass, ~30x
// slower). Heavy tests do the same work in smaller amounts there, so CI stays within its time;
// the full amounts run in the ordinary build.
#pragma once

namespace candor::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kUnderSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kUnderSanitizer = true;
#else
inline constexpr bool kUnderSanitizer = false;
#endif
#else
inline constexpr bool kUnderSanitizer = false;
#endif

}  // namespace candor::test
