package io.coinlake.monitor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * An XChart chart drawn to SVG (through VectorGraphics2D) and made fit to paste into an HTML
 * page: no XML prolog, DOCTYPE or namespace declarations (an HTML parser needs none, and they are
 * URLs a "no network references" check would trip on), ids prefixed so several charts on one page
 * cannot share a clip path, coordinates to two decimals (the files shrink by a third and nothing
 * visible moves), and a width that scales down with the page.
 */
final class SvgChart {
  private static final Pattern PROLOG = Pattern.compile("<\\?xml[^>]*\\?>\\s*");
  private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE[^>]*>\\s*");
  private static final Pattern NAMESPACES = Pattern.compile("\\s+xmlns(:\\w+)?=\"[^\"]*\"");
  private static final Pattern DECIMALS = Pattern.compile("(\\d\\.\\d\\d)\\d+");
  private static final Pattern SIZE = Pattern.compile("<svg([^>]*?) height=\"[^\"]*\"([^>]*?) width=\"[^\"]*\"");

  private SvgChart() {}

  /** The chart as an {@code <svg>} element; {@code idPrefix} makes its ids unique in the page ([A-Za-z0-9_-]). */
  static String inline(Chart<?, ?> chart, String idPrefix) {
    if (!idPrefix.matches("[A-Za-z][A-Za-z0-9_-]*")) {
      throw new IllegalArgumentException("an SVG id prefix must be a letter then letters, digits, _ or -, got '" + idPrefix + "'");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw the chart '" + chart.getTitle() + "' as SVG: " + e.getMessage(), e);
    }
    String svg = out.toString(StandardCharsets.UTF_8);
    svg = PROLOG.matcher(svg).replaceFirst("");
    svg = DOCTYPE.matcher(svg).replaceFirst("");
    svg = NAMESPACES.matcher(svg).replaceAll("");
    svg = svg.replace("id=\"", "id=\"" + idPrefix + "-").replace("url(#", "url(#" + idPrefix + "-");
    svg = DECIMALS.matcher(svg).replaceAll("$1");
    Matcher size = SIZE.matcher(svg);
    svg = size.replaceFirst(Matcher.quoteReplacement("<svg") + "$1$2 class=\"chart\" width=\"" + chart.getWidth() + "\"");
    return svg.strip();
  }
}
