"""The self-assessment dashboard: a Voila page over a folder of ministries' response files."""
