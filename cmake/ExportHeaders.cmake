# w2n_export_headers(TARGET PREFIX DIR): TARGET's public headers are the
# headers of DIR, and its users include them as "PREFIX/Header.h".
#
# Each library exports only its own directory, not the tree it sits in: the
# include directory it gives its users is ${CMAKE_BINARY_DIR}/include/TARGET,
# which holds one symbolic link, PREFIX -> DIR. So a file sees the headers
# of the libraries it links (directly or through a PUBLIC dependency) and
# no others, and an include across a layer that the CMake graph does not
# allow fails to compile. scripts/check-layering.py checks the edges the
# link graph allows but the layering forbids (docs/compiler.md, "Layers").
function(w2n_export_headers target prefix dir)
  set(root ${CMAKE_BINARY_DIR}/include/${target})
  file(MAKE_DIRECTORY ${root})
  file(CREATE_LINK ${dir} ${root}/${prefix} SYMBOLIC)
  target_include_directories(${target} PUBLIC ${root})
endfunction()
