"""Served-address notices (seed 000): an organisation tells the municipality it begins or stops serving
buildings. Models keep the app label `addresses` (registered by AddressesConfig.import_models).
"""
