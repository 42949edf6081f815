"""Request and response shapes of the API, with the functions that fill them."""
