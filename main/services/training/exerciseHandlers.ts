import type { exerciseMethods } from '../../../common/contract/methods/exercises';
import type { Handler } from '../contract/dispatcher';
import type { TrainingService } from './trainingService';

export type ExerciseHandlers = { [M in keyof typeof exerciseMethods]: Handler<M> };

/** The contract's `exercises.*` methods, answered by the training service. */
export function exerciseHandlers(training: TrainingService, now: () => number = Date.now): ExerciseHandlers {
  return {
    'exercises.list': () => training.list(),
    'exercises.load': ({ path }) => training.load(path),
    'exercises.get': () => training.state(),
    'exercises.time': () => ({ nowMs: now() }),
    'exercises.answerKey': () => training.answerKey(),
    'exercises.setTrainees': ({ trainees }) => training.setTrainees(trainees),
    'exercises.play': () => training.play(),
    'exercises.pause': () => training.pause(),
    'exercises.seek': ({ positionS }) => training.seek(positionS),
    'exercises.setSpeed': ({ speed }) => training.setSpeed(speed),
    'exercises.stop': ({ language }) => training.stop(language),
    'exercises.close': () => training.close(),
    'exercises.bookmark': (params) => training.bookmark(params),
    'exercises.report': (params) => training.reportFor(params),
    'exercises.runs': () => training.runs(),
    'exercises.draft': () => training.draft(),
    'exercises.validate': async ({ exercise }) => {
      const { ok, problems, message } = await training.validate(exercise);
      return { ok, problems, message };
    },
    'exercises.save': (params) => training.save(params),
    'exercises.previewClip': ({ src }) => training.previewClip(src),
  };
}
