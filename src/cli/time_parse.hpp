// The CLI's TIME arguments. The parser lives in core (core/time_parse.hpp) so the app's time
// fields take exactly what the command line takes.
#pragma once

#include "core/time_format.hpp"
#include "core/time_parse.hpp"

namespace candor::cli {

using core::fixed_time_context;
using core::format_iso8601;
using core::format_local_short;
using core::format_relative;
using core::local_time_context;
using core::parse_iso8601;
using core::parse_time;
using core::TimeContext;
using core::UtcOffsetFn;

}  // namespace candor::cli
