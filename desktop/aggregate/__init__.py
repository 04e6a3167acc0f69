"""The upstream office (city, province): figures computed from the counties, who has reported, the county
comparison. `core` is pure arithmetic over dicts; `service` reads the store; `compare` builds the comparison."""
