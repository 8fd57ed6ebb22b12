// poppler's core (C++) library, found through pkg-config (`poppler`; Debian: libpoppler-private-dev).
// Nothing in Swift imports it: the module exists so that CPopplerPaths compiles against its headers
// and links it. The C interface Swift sees is CPopplerPaths's.
