//! Instantly.ai API V2 client.
