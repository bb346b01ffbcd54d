"""oci-genai-tui: a terminal console and service layer for OCI Generative AI models."""

__version__ = "0.1.0"
