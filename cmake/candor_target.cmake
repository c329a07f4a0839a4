# Flags for Candor's own code: warnings on, errors when CANDOR_WERROR is set (tools/dev.sh and CI
# do; a user's or a distribution's build doesn't stop on a new compiler's new warning); sanitizers
# on request.
function(candor_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wnon-virtual-dtor)
  if(CANDOR_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
    # GCC 12 at -O3 reports -Wrestrict and -Wstringop-overflow inside libstdc++ for
    # `"literal" + std::string` and for appending to a byte vector (GCC PRs 105329, 106199, fixed
    # in 13): they stay warnings, so CI's Release build still shows them.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      target_compile_options(${target} PRIVATE -Wno-error=restrict -Wno-error=stringop-overflow)
    endif()
  endif()
  if(CANDOR_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# One static library per layer: every .cpp in the folder, headers included as "layer/file.hpp".
# A layer with no sources yet is an interface library so the tree always configures.
function(candor_layer name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  if(sources)
    add_library(candor_${name} STATIC ${sources})
    target_include_directories(candor_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(candor_${name} PUBLIC ${ARG_DEPS})
    candor_target_defaults(candor_${name})
  else()
    add_library(candor_${name} INTERFACE)
    target_include_directories(candor_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(candor_${name} INTERFACE ${ARG_DEPS})
  endif()
endfunction()
