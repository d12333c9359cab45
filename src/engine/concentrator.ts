/**
 * R19, D7: a concentrator serving a tailings pond is not graded on its own; its tier is its
 * pond's, always, including every dynamic change.
 */
import type { TimelineResult } from './timeline';

/**
 * The concentrator's timeline from its pond's: the same tier and every change of it, each entry's
 * source naming the pond (`<pond id>/<source>`). Nothing is due for the concentrator itself:
 * re-assessments are the pond's.
 */
export function concentratorTimeline(concentratorId: string, pond: TimelineResult): TimelineResult {
  return {
    unit: concentratorId,
    tier: pond.tier,
    history: pond.history.map((h) => ({ ...h, source: `${pond.unit}/${h.source}` })),
    due: [],
  };
}
