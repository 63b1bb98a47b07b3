"""Reading input files and writing response files: formats, text decoding, the data folder."""
