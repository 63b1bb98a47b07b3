"""The look and the serving of every web page: theme, templates, Voila."""
