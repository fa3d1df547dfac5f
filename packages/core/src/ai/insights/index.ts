export {
  askInsights,
  consultInsights,
  recordInsightsUsage,
  type ConsultedInsights,
  INSIGHTS_NOTICES,
  MAX_QUESTION_CHARS,
  UNCHECKED_NOTE,
  type InsightsAnswer,
  type InsightsActor,
  type InsightsDeps,
} from "./ask";
export {
  createLocalInsights,
  localInsightAnswer,
  localInsightToolFor,
  LOCAL_INSIGHTS_HELP,
} from "./local-responder";
export { NAMED_PERIODS, resolvePeriod, rangeLabel, dayLabel, type NamedPeriod } from "./period";
export { INSIGHT_TOOLS, runInsightTool, type FigureTable, type FigureColumn } from "./tools";
