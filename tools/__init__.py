"""Developer tools run by the Makefile, outside the service."""
