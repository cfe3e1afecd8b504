"""One module per resource; routes.py maps URLs to them."""
