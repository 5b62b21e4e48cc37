package io.statfeed.appservers.graph;

public enum ImageFormat {
    PNG("image/png", "png"),
    SVG("image/svg+xml", "svg");

    private final String contentType;
    private final String extension;

    ImageFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }
}
