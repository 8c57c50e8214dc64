"""The weather supplier service (tripsmith.weather.v1): daily forecasts and climatology."""
