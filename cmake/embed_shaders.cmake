# Generates a C++ source holding every GLSL file of shaders/ as a string, so `candor` runs from
# any directory. Re-run by CMake whenever a shader changes.
function(candor_embed_shaders out_file)
  file(GLOB shader_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/shaders/*.vert
                                           ${PROJECT_SOURCE_DIR}/shaders/*.frag)
  set(body "// Generated from shaders/ by cmake/embed_shaders.cmake. Do not edit.\n")
  string(APPEND body "#include \"ui/shaders.hpp\"\n\nnamespace candor::ui::shaders {\n")
  foreach(file ${shader_files})
    get_filename_component(name ${file} NAME)
    string(MAKE_C_IDENTIFIER ${name} ident)
    file(READ ${file} text)
    string(APPEND body "const char* const ${ident} = R\"candor_glsl(${text})candor_glsl\";\n")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  endforeach()
  string(APPEND body "}  // namespace candor::ui::shaders\n")
  file(CONFIGURE OUTPUT ${out_file} CONTENT "${body}" @ONLY)
endfunction()
