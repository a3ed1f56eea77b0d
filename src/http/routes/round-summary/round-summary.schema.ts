import { Type } from 'typebox';
import { GRADES } from '../../../domain/evaluation.ts';
import { nullable, stringEnum } from '../../schemas.ts';

const figures = {
  problems: Type.Integer(),
  items: Type.Integer(),
  completed: Type.Integer(),
  partial: Type.Integer({ description: '基本完成' }),
  inProgress: Type.Integer({ description: 'open and not past its deadline' }),
  overdue: Type.Integer(),
  rulesMade: Type.Integer(),
  rulesRevised: Type.Integer(),
  peopleHeld: Type.Integer(),
  fundsFen: Type.Integer({ description: '追缴资金 in fen' }),
  cluesHandedOver: Type.Integer({ description: '问题线索 handed over to the 纪委监委' }),
  cluesDisciplined: Type.Integer({ description: 'people given 党纪政务处分 on those clues' }),
};

export const roundSummaryRow = Type.Object({
  unitId: Type.Integer(),
  unit: Type.String(),
  ...figures,
  reportSubmittedOn: nullable(Type.String()),
  reportDocNumber: nullable(Type.String()),
  grade: nullable(stringEnum(GRADES)),
});

export const roundSummaryResponse = Type.Object({
  roundId: Type.Integer(),
  roundName: Type.String(),
  asOf: Type.String(),
  rows: Type.Array(roundSummaryRow),
  totals: Type.Object({ ...figures, units: Type.Integer(), reportsSubmitted: Type.Integer() }),
});

export const roundReportStatus = Type.Object({
  inspectionId: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  feedbackOn: nullable(Type.String()),
  reportDueOn: nullable(Type.String()),
  submission: nullable(
    Type.Object({
      id: Type.Integer(),
      submittedOn: Type.String(),
      docNumber: Type.String(),
      fileName: Type.String(),
      recordedAt: Type.String(),
    }),
  ),
});

export const roundReportStatusList = Type.Object({ reports: Type.Array(roundReportStatus) });
