//===- Report.cpp - what nn-train prints and plots --------------*- C++ -*-===//
//
// The SVG is hand-written (no dependency): two panels side by side, axes with
// a few ticks, one polyline per curve and a legend.
//
//===----------------------------------------------------------------------===//

#include "tools/nn-train/Report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

using namespace nntrain;

ProgressBar::ProgressBar(int epoch, int epochs, int64_t total)
    : epoch(epoch), epochs(epochs), total(total),
      start(std::chrono::steady_clock::now()), lastDraw(start) {}

void ProgressBar::update(int64_t doneNow, double loss) {
  done = doneNow;
  auto now = std::chrono::steady_clock::now();
  if (now - lastDraw > std::chrono::milliseconds(200)) {
    lastDraw = now;
    draw(loss);
  }
}

void ProgressBar::finish(double loss) {
  draw(loss);
  std::fputc('\n', stderr);
}

void ProgressBar::draw(double loss) {
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  const int width = 30;
  int filled = total ? (int)(width * done / total) : width;
  std::string bar(filled, '=');
  if (filled < width) {
    bar += '>';
    bar += std::string(width - filled - 1, ' ');
  }
  std::fprintf(stderr, "\repoch %d/%d [%s] %lld/%lld loss=%.4f %.0f samples/s",
               epoch, epochs, bar.c_str(), (long long)done, (long long)total,
               loss, seconds > 0 ? done / seconds : 0.0);
  std::fflush(stderr);
}

void nntrain::printEpoch(int epoch, int epochs, const EpochStats &s,
                         const nn_confusion *confusion) {
  std::printf("epoch %d/%d: train_loss=%.4f test_loss=%.4f", epoch, epochs,
              s.trainLoss, s.testLoss);
  if (s.classification) {
    std::printf(" accuracy=%.4f precision=%.4f recall=%.4f f1=%.4f",
                s.metrics.accuracy, s.metrics.precision, s.metrics.recall,
                s.metrics.f1);
  }
  std::printf(" time=%.1fs\n", s.seconds);
  if (confusion) {
    int64_t k = confusion->classes;
    std::printf("confusion matrix (rows: true class, columns: predicted):\n");
    std::printf("      ");
    for (int64_t j = 0; j < k; ++j) {
      std::printf(" %6lld", (long long)j);
    }
    std::printf("\n");
    for (int64_t i = 0; i < k; ++i) {
      std::printf("%6lld", (long long)i);
      for (int64_t j = 0; j < k; ++j) {
        std::printf(" %6lld", (long long)confusion->counts[i * k + j]);
      }
      std::printf("\n");
    }
  }
  std::fflush(stdout);
}

void nntrain::printFinal(const EpochStats &s) {
  if (s.classification) {
    std::printf("final: loss=%.4f accuracy=%.4f precision=%.4f recall=%.4f "
                "f1=%.4f\n",
                s.testLoss, s.metrics.accuracy, s.metrics.precision,
                s.metrics.recall, s.metrics.f1);
  } else {
    std::printf("final: loss=%.4f accuracy=n/a precision=n/a recall=n/a "
                "f1=n/a\n",
                s.testLoss);
  }
  std::fflush(stdout);
}

namespace {

/// One panel: maps data coordinates into a box of the SVG.
struct Panel {
  double x0, y0, w, h;           // box in SVG pixels
  double xMin, xMax, yMin, yMax; // data range
  double px(double x) const { return x0 + (x - xMin) / (xMax - xMin) * w; }
  double py(double y) const { return y0 + h - (y - yMin) / (yMax - yMin) * h; }
};

void axes(std::ostringstream &svg, const Panel &p, const char *title,
          const char *xLabel) {
  svg << "<rect x='" << p.x0 << "' y='" << p.y0 << "' width='" << p.w
      << "' height='" << p.h << "' fill='none' stroke='#444'/>\n";
  svg << "<text x='" << p.x0 + p.w / 2 << "' y='" << p.y0 - 8
      << "' text-anchor='middle' font-size='14'>" << title << "</text>\n";
  svg << "<text x='" << p.x0 + p.w / 2 << "' y='" << p.y0 + p.h + 34
      << "' text-anchor='middle' font-size='12'>" << xLabel << "</text>\n";
  for (int i = 0; i <= 4; ++i) {
    double y = p.yMin + (p.yMax - p.yMin) * i / 4;
    double x = p.xMin + (p.xMax - p.xMin) * i / 4;
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.3g", y);
    svg << "<text x='" << p.x0 - 4 << "' y='" << p.py(y) + 4
        << "' text-anchor='end' font-size='10'>" << buf << "</text>\n";
    std::snprintf(buf, sizeof(buf), "%.3g", x);
    svg << "<text x='" << p.px(x) << "' y='" << p.y0 + p.h + 14
        << "' text-anchor='middle' font-size='10'>" << buf << "</text>\n";
  }
}

void polyline(std::ostringstream &svg, const Panel &p,
              const std::vector<std::pair<double, double>> &points,
              const char *color, bool dots) {
  if (points.empty()) {
    return;
  }
  svg << "<polyline fill='none' stroke='" << color << "' stroke-width='1.5' "
      << "points='";
  for (auto [x, y] : points) {
    svg << p.px(x) << "," << p.py(y) << " ";
  }
  svg << "'/>\n";
  if (dots) {
    for (auto [x, y] : points) {
      svg << "<circle cx='" << p.px(x) << "' cy='" << p.py(y)
          << "' r='3' fill='" << color << "'/>\n";
    }
  }
}

void legend(std::ostringstream &svg, const Panel &p, int row, const char *color,
            const char *label) {
  double y = p.y0 + 14 + 16 * row;
  svg << "<line x1='" << p.x0 + p.w - 120 << "' y1='" << y - 4 << "' x2='"
      << p.x0 + p.w - 100 << "' y2='" << y - 4 << "' stroke='" << color
      << "' stroke-width='2'/>\n<text x='" << p.x0 + p.w - 95 << "' y='" << y
      << "' font-size='11'>" << label << "</text>\n";
}

} // namespace

bool nntrain::writePlot(const std::string &path,
                        const std::vector<double> &stepLosses,
                        int64_t stepsPerEpoch,
                        const std::vector<EpochStats> &epochs,
                        std::string &error) {
  std::vector<std::pair<double, double>> steps, train, test, accuracy;
  double lo = INFINITY, hi = -INFINITY;
  auto range = [&](double v) {
    if (std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  };
  for (size_t i = 0; i < stepLosses.size(); ++i) {
    steps.push_back(
        {(double)(i + 1) / std::max<int64_t>(stepsPerEpoch, 1), stepLosses[i]});
    range(stepLosses[i]);
  }
  for (size_t e = 0; e < epochs.size(); ++e) {
    train.push_back({(double)(e + 1), epochs[e].trainLoss});
    test.push_back({(double)(e + 1), epochs[e].testLoss});
    accuracy.push_back({(double)(e + 1), epochs[e].metrics.accuracy});
    range(epochs[e].trainLoss);
    range(epochs[e].testLoss);
  }
  if (!(lo <= hi)) {
    lo = 0;
    hi = 1;
  }
  if (hi - lo < 1e-9) {
    hi = lo + 1;
  }
  double xMax = std::max<double>(1.0, (double)epochs.size());
  Panel lossPanel{60, 40, 360, 240, 0, xMax, std::min(0.0, lo), hi * 1.05};
  Panel accPanel{500, 40, 360, 240, 0, xMax, 0, 1};
  std::ostringstream svg;
  svg << "<svg xmlns='http://www.w3.org/2000/svg' width='900' height='330' "
         "font-family='sans-serif'>\n<rect width='900' height='330' "
         "fill='white'/>\n";
  axes(svg, lossPanel, "loss", "epoch");
  polyline(svg, lossPanel, steps, "#9ecae1", false);
  polyline(svg, lossPanel, train, "#08519c", true);
  polyline(svg, lossPanel, test, "#e6550d", true);
  legend(svg, lossPanel, 0, "#9ecae1", "train (step)");
  legend(svg, lossPanel, 1, "#08519c", "train (epoch)");
  legend(svg, lossPanel, 2, "#e6550d", "test");
  axes(svg, accPanel, "test accuracy", "epoch");
  if (!epochs.empty() && epochs[0].classification) {
    polyline(svg, accPanel, accuracy, "#31a354", true);
    legend(svg, accPanel, 0, "#31a354", "accuracy");
  }
  svg << "</svg>\n";
  std::ofstream file(path);
  file << svg.str();
  if (!file) {
    error = path + ": cannot write the plot";
    return false;
  }
  return true;
}
