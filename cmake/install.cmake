# `make install` and `make deb`: the binary, its data (<prefix>/share/newsgraph, found by the
# installed binary next to its bin/), a man page and a bash completion generated from the help
# texts (tools/make_docs.py), and a Debian package built by CPack (tests/cli/test_install.py).
include(GNUInstallDirs)
set(NG_DOCS_OUT ${CMAKE_BINARY_DIR}/doc)
add_custom_command(OUTPUT ${NG_DOCS_OUT}/newsgraph.1 ${NG_DOCS_OUT}/newsgraph.bash
  COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/tools/make_docs.py $<TARGET_FILE:newsgraph> ${NG_DOCS_OUT}
  DEPENDS newsgraph ${CMAKE_SOURCE_DIR}/tools/make_docs.py
  COMMENT "Man page and bash completion from the help texts" VERBATIM)
add_custom_target(ng_docs ALL DEPENDS ${NG_DOCS_OUT}/newsgraph.1 ${NG_DOCS_OUT}/newsgraph.bash)

install(TARGETS newsgraph RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${NG_DATA_OUT}/ DESTINATION ${CMAKE_INSTALL_DATADIR}/newsgraph)
install(FILES ${NG_DOCS_OUT}/newsgraph.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${NG_DOCS_OUT}/newsgraph.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME newsgraph)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME newsgraph)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "news pages to clean articles, analysis and coded political events")
set(CPACK_PACKAGE_CONTACT "newsgraph developers <newsgraph@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # newsgraph_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)   # Depends: from the libraries the binary links (dpkg-shlibdeps)
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)  # 32 MB of tables: quick to pack, small enough
set(CPACK_STRIP_FILES ON)
include(CPack)
