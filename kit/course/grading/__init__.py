"""Autograding many submissions safely: worker pool, sandboxed kernels, gradebook merge, reasons."""
