local d = debug.getregistry()
