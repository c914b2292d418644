// Shared shapes of the sensors feature: what a source is, and what a recording stores.

/** Every source the Sensors section knows. */
export type SensorKind =
  | 'motion'
  | 'orientation'
  | 'accelerometer'
  | 'gyroscope'
  | 'linearAcceleration'
  | 'gravity'
  | 'absoluteOrientation'
  | 'relativeOrientation'
  | 'magnetometer'
  | 'light'
  | 'geolocation'
  | 'battery'
  | 'network';

export type Availability =
  | { state: 'available' }
  /** Needs a permission prompt that must run from a tap (iOS motion, geolocation). */
  | { state: 'needs-permission' }
  | { state: 'denied'; help: string }
  | { state: 'unavailable'; reason: string };

/** One reading: the latest value of each of the source's channels (null when unknown). */
export type Reading = Record<string, number | null>;

export interface SensorSource {
  kind: SensorKind;
  label: string;
  /** Channel names, stable, e.g. "motion.ax" — the columns of a recording. */
  channels: string[];
  availability(): Promise<Availability>;
  /** Runs the permission prompt (call from a user gesture). */
  requestPermission(): Promise<Availability>;
  /**
   * Starts listening at about `hz`; `onReading` hears every new value. Returns stop.
   * `onAvailability` hears a state learned only after starting (an error event: denied or
   * no hardware; readings arriving again after that).
   */
  start(onReading: (reading: Reading) => void, hz: number, onAvailability?: (availability: Availability) => void): () => void;
}

/** A batch of samples: one row per tick, `t` in epoch ms, values in channel order (NaN = none). */
export interface SampleBatch {
  t: number[];
  rows: number[][];
}
