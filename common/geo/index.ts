// Field-of-view geometry and coverage analytics: pure, shared by the map, the wall and analytics.
export { METRES_PER_DEGREE_LAT, angularDifference, bearingDegrees, destinationPoint, distanceMetres, normalizeDegrees } from './geodesy';
export { type Bounds, type FieldOfView, fovBounds, fovContains, fovPolygon, seenAt } from './fieldOfView';
export {
  type CoverageCount,
  type CoverageShare,
  type CoveringCamera,
  type IncidentPoint,
  FovIndex,
  UNCATEGORISED,
  camerasCovering,
  coverageShare,
  coveredMask,
  incidentsPerCamera,
} from './coverage';
export { type FovTemplate, type Placement, type PlacementCandidate, type PlacementOptions, defaultHeadings, suggestPlacements } from './placement';
export { GridIndex } from './gridIndex';
